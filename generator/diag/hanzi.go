package diag

import (
	"strings"
	"sync"
)

// traditionalPairs pairs characters in their traditional form with their
// simplified one, two runes a pair. They are the characters of the names of
// branches, categories, places and work that writers type most, so that a
// name typed with an input method left in traditional mode ("為民辦實事")
// finds its simplified form ("为民办实事") in a "did you mean" hint. A
// character outside the table is compared as it is.
const traditionalPairs = "" +
	"為为辦办實实黨党機机關关員员會会區区務务產产業业鏈链發发髮发農农鄉乡鎮镇書书記记" +
	"門门開开題题質质號号學学習习歷历曆历導导國国華华興兴隊队團团體体衛卫醫医藥药電电" +
	"網网訊讯資资經经濟济營营動动勞劳軍军戰战鬥斗誌志願愿愛爱環环護护綠绿條条項项規规" +
	"劃划監监審审層层紀纪選选舉举屆届長长處处廳厅財财稅税貿贸險险災灾應应設设計计標标" +
	"準准專专職职稱称優优獎奖勵励與与聯联織织組组級级鄰邻裡里裏里廣广場场東东倉仓車车" +
	"鐵铁運运輸输銀银當当歲岁觀观覽览賽赛藝艺術术節节紅红傳传統统訪访問问貧贫錢钱萬万" +
	"億亿幫帮難难們们個个這这來来時时對对說说從从還还進进過过後后點点現现間间將将畫画" +
	"義义議议論论認认識识調调證证據据權权憲宪禮礼讓让熱热線线縣县廠厂礦矿漁渔鹽盐穀谷" +
	"麥麦糧粮蘭兰園园蓮莲葉叶雲云龍龙鳳凤楓枫樹树橋桥灣湾濱滨陽阳陰阴嶽岳麗丽寧宁靜静" +
	"遠远達达齊齐風风氣气飛飞馬马魚鱼鳥鸟貝贝見见視视親亲覺觉語语讀读課课試试驗验測测" +
	"評评價价費费貨货購购賣卖買买補补貼贴養养殘残獨独婦妇兒儿師师範范檢检強强擔担創创" +
	"遷迁舊旧樓楼棟栋戶户單单廈厦燈灯鐘钟聽听講讲話话談谈請请謝谢誠诚誼谊緊紧張张圓圆" +
	"滿满潔洁淨净廁厕廢废棄弃類类療疗診诊結结協协總总幹干乾干鋒锋領领頭头帶带遊游憶忆" +
	"館馆陳陈獻献溫温懷怀銷销庫库儲储執执綜综製制積积極极參参儀仪貫贯徹彻踐践維维" +
	"穩稳糾纠紛纷爭争訴诉訟讼約约輛辆駕驾駛驶飯饭飲饮廚厨異异蘇苏滬沪贛赣閩闽粵粤瓊琼" +
	"遼辽魯鲁晉晋陝陕隴陇岡冈嶺岭峽峡漢汉韓韩蘋苹餘余彙汇匯汇於于麵面隻只臺台檯台颱台" +
	"週周衝冲鬱郁醜丑係系繫系僅仅儘尽盡尽兩两內内凱凯劉刘則则剛刚劍剑勁劲勢势勝胜勳勋" +
	"卻却厲厉雙双變变嚴严啟启喬乔圍围圖图堅坚報报塊块壓压壞坏壯壮夢梦奮奋奪夺孫孙寶宝" +
	"寫写尋寻屬属島岛崗岗幣币帳帐幾几廟庙歸归錄录徑径復复複复徵征憂忧態态戀恋戲戏擁拥" +
	"擇择擴扩擊击攜携攝摄敗败數数斷断無无晝昼顯显暫暂曉晓楊杨構构樞枢歡欢決决沒没況况" +
	"減减溝沟滅灭漲涨潛潜澤泽濃浓濕湿爐炉爺爷牆墙狀状獲获畢毕盤盘眾众礎础確确禱祷種种" +
	"窮穷競竞筆笔築筑簡简納纳紙纸細细終终絕绝給给絲丝編编練练績绩繼继續续罰罚羅罗聖圣" +
	"聞闻聲声肅肃脅胁腦脑腳脚艱艰莊庄蔣蒋薦荐虛虚蟲虫訂订討讨訓训許许詩诗該该詳详誇夸" +
	"誤误諧谐謀谋豐丰豬猪負负貢贡責责貴贵賓宾趕赶趨趋跡迹躍跃軌轨軟软較较載载輕轻輔辅" +
	"輪轮邊边連连違违適适遺遗鄭郑釋释針针鋼钢錯错鍵键鍛锻閉闭閒闲閱阅闆板際际陸陆隨随" +
	"隱隐雖虽雜杂雞鸡離离靈灵響响頁页頂顶順顺須须預预頻频額额顏颜顧顾驚惊鮮鲜鳴鸣" +
	"黃黄齡龄墾垦殯殡蕭萧瀏浏鄧邓禪禅傑杰麼么樣样裝装鏡镜邁迈鑒鉴鑑鉴嘗尝償偿"

var simplifiedOf = sync.OnceValue(func() map[rune]rune {
	m := map[rune]rune{}
	r := []rune(traditionalPairs)
	for i := 0; i+1 < len(r); i += 2 {
		m[r[i]] = r[i+1]
	}
	return m
})

// simplify returns s with the characters of traditionalPairs in their
// simplified form.
func simplify(s string) string {
	m := simplifiedOf()
	return strings.Map(func(r rune) rune {
		if t, ok := m[r]; ok {
			return t
		}
		return r
	}, s)
}
