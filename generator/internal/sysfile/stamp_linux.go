package sysfile

import (
	"io/fs"
	"syscall"
)

// changeTimes are the file systems, by the magic number statfs gives, whose
// inodes have a change time of their own that every write sets. Others,
// FAT among them, give the modification time as the change time, and
// network file systems take their times from another machine's clock.
var changeTimes = map[int64]bool{
	0xEF53:     true, // ext2, ext3, ext4
	0x58465342: true, // XFS
	0x9123683E: true, // Btrfs
	0x01021994: true, // tmpfs
	0xF2F52010: true, // F2FS
	0x2FC12FC1: true, // ZFS
	0xCA451A4E: true, // bcachefs
	0x794C7630: true, // overlayfs, over one of these (containers)
}

// ChangeTimes reports whether the file system of dir keeps change times
// that every write sets, so that a Stamp of one of its files tells whether
// the file changed.
func ChangeTimes(dir string) bool {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return false
	}
	return changeTimes[int64(st.Type)]
}

// StampOf returns the stamp of a file from its FileInfo, as os.Stat or
// os.Lstat give it; false for a FileInfo of another kind.
func StampOf(info fs.FileInfo) (Stamp, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return Stamp{}, false
	}
	return Stamp{Dev: uint64(st.Dev), Ino: uint64(st.Ino), Size: st.Size, MTime: st.Mtim.Nano(), CTime: st.Ctim.Nano()}, true
}
