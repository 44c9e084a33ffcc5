"""Employee lines of whole interviews shared by several tests (one per language)."""

EN_PRESS = [
    "I plan maintenance for a stamping plant and the presses stop without warning, which costs us a lot.",
    "I want to know which press will break down in the next few weeks.",
    "I look at the vibration readings, the oil temperature and the motor current.",
    "We log the sensors every second for three years, and every breakdown is in the maintenance log.",
    "About five times a year, and each stop costs roughly 40,000 dollars.",
]
JA_FRESH = [
    "スーパーで生鮮の発注を担当しています。毎晩たくさん廃棄していて困っています。",
    "明日それぞれの店で何個売れるかを、もっと確実に知りたいです。",
    "過去の売上と天気、チラシの予定を見て決めています。",
    "POSに3年分の売上が残っていて、廃棄数も毎日記録しています。",
    "廃棄は1日あたり2万円くらいです。",
]
