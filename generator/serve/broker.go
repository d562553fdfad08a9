package serve

import "sync"

// broker fans reload events out to the open pages. Each page's channel holds
// one event; a newer event replaces one not yet taken, so sending never
// blocks on a slow or departed page.
type broker struct {
	mu      sync.Mutex
	clients map[chan string]struct{}
}

func newBroker() *broker { return &broker{clients: map[chan string]struct{}{}} }

// subscribe returns a new page's channel.
func (b *broker) subscribe() chan string {
	ch := make(chan string, 1)
	b.mu.Lock()
	b.clients[ch] = struct{}{}
	b.mu.Unlock()
	return ch
}

// unsubscribe forgets a page's channel.
func (b *broker) unsubscribe(ch chan string) {
	b.mu.Lock()
	delete(b.clients, ch)
	b.mu.Unlock()
}

// publish sends msg to every page without waiting for any.
func (b *broker) publish(msg string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for ch := range b.clients {
		select {
		case ch <- msg:
		default:
			select { // drop the stale event, keep the newest
			case <-ch:
			default:
			}
			select {
			case ch <- msg:
			default:
			}
		}
	}
}

// count returns the number of open pages.
func (b *broker) count() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.clients)
}
