"""The demo's Easy Read words: "What co-production is, and what it is not" and the steps of "Coming together".

Each version is a list of headings (a string) and rows (pictogram, alternative text, words). Every
sentence has at most 15 words and each row one or two sentences; the important words are bold.
"""

GUIDE_SLUG = "what-co-production-is-and-is-not"

GUIDE = [
    "What is co-production?",
    ("people-holding-hands", "People holding hands", "<b>Co-production</b> means working together as <b>equals</b>."),
    (
        "classical-building",
        "A council building",
        "People who <b>run a service</b> work with the people who <b>use it</b>.",
    ),
    ("light-bulb", "A light bulb, for an idea", "Everyone brings something. Everyone's <b>knowledge counts</b>."),
    ("balance-scale", "Scales that are level", "It is about <b>sharing power</b>. Both sides have a <b>real say</b>."),
    "Four ways to work together",
    (
        "pound-banknote",
        "A bank note",
        "<b>Co-commissioning</b> means deciding together what is needed and where the money goes.",
    ),
    ("memo", "A notepad and pencil", "<b>Co-design</b> means planning together how a service will work."),
    ("handshake", "Two hands shaking", "<b>Co-delivery</b> means running the service together."),
    ("check-mark-button", "A tick", "<b>Co-assessment</b> means checking together if it worked."),
    "What co-production is not",
    ("cross-mark", "A cross", "A <b>survey</b> after a decision is made is <b>not</b> co-production."),
    (
        "ballot-box-with-ballot",
        "A ballot box",
        "Choosing between options someone else wrote is <b>not</b> co-production either.",
    ),
    (
        "speaking-head",
        "A person speaking",
        "Those things are called <b>consultation</b>. Say honestly which one you are doing.",
    ),
    (
        "seedling",
        "A small plant growing",
        "You can <b>start small</b>. Work more closely together as <b>trust grows</b>.",
    ),
]

# Keyed by the step's slug in "Ready to co-produce" (stage "Coming together").
PATHWAY_SLUG = "ready-to-co-produce"

STEPS = {
    "why-are-we-here": [
        ("busts-in-silhouette", "A group of people", "Your group meets to talk about <b>why you are here</b>."),
        ("person-raising-hand", "A person raising their hand", "<b>Everyone</b> gets a turn to speak."),
        ("thought-balloon", "A thought bubble", "Each person says what they want to be <b>different in a year</b>."),
        ("memo", "A notepad and pencil", "<b>Write down</b> the answers where everyone can see them."),
        ("puzzle-piece", "A puzzle piece", "Look for what the answers have <b>in common</b>."),
        (
            "check-mark-button",
            "A tick",
            "Agree <b>one or two sentences</b> about what your group wants to change.",
        ),
        ("speaking-head", "A person speaking", "Use <b>your own words</b>, not jargon."),
    ],
    "who-is-not-in-the-room": [
        ("busts-in-silhouette", "A group of people", "Some people <b>miss out</b> on your meetings."),
        ("alarm-clock", "A clock", "Some people <b>work shifts</b>. Some people are <b>carers</b>."),
        (
            "speech-balloon",
            "A speech bubble",
            "Some people do not speak <b>English</b> as their first language.",
        ),
        (
            "person-in-manual-wheelchair",
            "A person in a wheelchair",
            "Some people find it <b>hard to get</b> to meetings.",
        ),
        ("clipboard", "A clipboard with a list", "Make a <b>list</b> of who is missing."),
        (
            "light-bulb",
            "A light bulb, for an idea",
            "For each one, think of <b>one thing</b> you could do to reach them.",
        ),
    ],
    "how-we-make-decisions": [
        ("ballot-box-with-ballot", "A ballot box", "Your group agrees <b>how you make decisions</b>."),
        ("busts-in-silhouette", "A group of people", "Some things need the <b>whole group</b> to decide."),
        ("handshake", "Two hands shaking", "A <b>small team</b> can decide other things."),
        ("warning", "A warning sign", "Agree what to do when people <b>do not agree</b>."),
        ("memo", "A notepad and pencil", "<b>Write it down</b> on one page."),
        (
            "check-mark-button",
            "A tick",
            "Your <b>coordinator</b> says this step is done when the group agrees the page.",
        ),
    ],
}
