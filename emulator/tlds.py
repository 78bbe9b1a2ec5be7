"""Top-level domains that make a bare `name.tld` a link without `http://`.

tdlib carries the full IANA list (about 1,500 names); this is the subset a Chinese-speaking
user is likely to type. A link with an explicit scheme is recognised whatever its TLD.
"""

_NAMES = """
    ac ad ae af ag ai al am app ar art as asia at au az ba bank bd be bf bg bh bi bio biz bj
    blog bn bo br bs bt bw by bz ca cafe cc cd cf cg ch ci city cl click cloud club cm cn co com
    company cool cr cu cv cy cz de design dev dj dk dm do dz ec edu ee eg email es et eu fi fj
    fm fo fr fun ga games gd ge gg gh gi gl gm gn gov gr gt gy hk hn host hr ht hu icu id ie il
    im in info ink int io iq ir is it je jm jo jobs jp ke kg kh kr kw ky kz la lb li link live
    lk lt ltd lu lv ly ma mc md me media mg mil mk ml mn mo mobi mp mr ms mt mu mv mw mx my mz na
    name net news ng ni nl no np nr nu nz om one online org pa pe pf pg ph pk pl plus pm pr pro
    ps pt pw py qa re red ro rs ru rw sa sb sc sd se sg sh shop si site sk sl sm sn so space sr
    store studio su sv sy sz tc td team tech tel tf tg th tj tk tl tm tn to today top tr tt tv
    tw tz ua ug uk us uy uz va vc ve vg vi video vip vn vu wang website wiki work ws xin xyz ye
    za zm zone zw 中国 中國 公司 网络 網絡 在线 中文网 商城 网店 网址 政务 公益 游戏 企业 信息
"""
COMMON_TLDS = frozenset(_NAMES.split())
