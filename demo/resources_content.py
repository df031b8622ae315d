"""The words of the demo guides and case studies, written for the Hub. The places are real; the groups are not."""


def p(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def heading(text, level="h2"):
    return ("heading", {"text": text, "level": level, "anchor": ""})


def text(*paragraphs):
    return ("paragraph", p(*paragraphs))


def callout(kind, body, title=""):
    return ("callout", {"kind": kind, "title": title, "text": p(body)})


def activity(title, minutes, needs, steps):
    return ("activity", {"title": title, "minutes": minutes, "what_you_need": needs, "steps": steps})


def takeaways(*items):
    return ("key_takeaways", {"title": "Key takeaways", "items": list(items)})


GUIDES = [
    {
        "slug": "what-co-production-is-and-is-not",
        "title": "What co-production is, and what it is not",
        "summary": "A plain guide to the word everyone uses: what real co-production looks like, and the "
        "common things that get called co-production but are not.",
        "audience": "everyone",
        "featured": True,
        "themes": ["Getting started", "Power and equality"],
        "related_guides": ["working-with-a-public-service-as-equals", "mapping-your-communitys-strengths"],
        "related_case_studies": ["school-run-redesign-in-dundee", "library-hours-in-the-western-isles"],
        "body": [
            text(
                "Co-production is when the people who use a service and the people who run it share the "
                "work of deciding, designing, delivering and checking that service. Both sides bring "
                "something the other does not have, and both are treated as experts.",
                "It is not a method or a meeting. It is a way of sharing power that shows in who sets the "
                "agenda, who holds the budget and whose knowledge counts.",
            ),
            heading("The four kinds of co-production"),
            text("People often describe four kinds. A piece of work can include one of them or all four."),
            (
                "accordion",
                {
                    "items": [
                        {
                            "heading": "Co-commissioning",
                            "content": p(
                                "Deciding together what is needed, what money goes where and who provides it."
                            ),
                        },
                        {
                            "heading": "Co-design",
                            "content": p(
                                "Planning how a service will work, using what people know from living with it."
                            ),
                        },
                        {
                            "heading": "Co-delivery",
                            "content": p(
                                "Running the service together: volunteers, staff and users each doing part of the work."
                            ),
                        },
                        {
                            "heading": "Co-assessment",
                            "content": p("Checking together whether it worked, and agreeing what to change."),
                        },
                    ]
                },
            ),
            heading("What it is not"),
            text(
                "A survey after the decision has been made is consultation, not co-production. Asking a "
                "group to choose between options someone else wrote is a step further, but the power still "
                "sits in one place. Neither is wrong, but calling them co-production makes people cynical."
            ),
            (
                "checklist",
                {
                    "title": "Signs you are really co-producing",
                    "items": [
                        "The community helped decide what question to work on.",
                        "People are paid or supported for their time, not only staff.",
                        "Community members can say no and it changes what happens.",
                        "Information is shared openly, in plain language, before meetings.",
                        "Both sides can point to something they learned from the other.",
                    ],
                },
            ),
            callout(
                "tip",
                "Be honest about where you are. It is fine to start with good consultation and move "
                "towards co-production as trust grows. Say which one you are doing.",
            ),
            activity(
                "Where are we on the ladder?",
                30,
                ["A long strip of paper or tape on the floor", "Sticky notes"],
                [
                    "Mark one end of the strip 'done to us' and the other 'done with us'.",
                    "Each person writes one recent piece of work with a service on a sticky note.",
                    "Place the notes along the strip and talk about why each one sits where it does.",
                    "Agree one thing that would move your next piece of work one step along.",
                ],
            ),
            takeaways(
                "Co-production means sharing power, not just sharing information.",
                "There are four kinds: co-commissioning, co-design, co-delivery and co-assessment.",
                "Name what you are really doing; honesty builds trust.",
            ),
        ],
    },
    {
        "slug": "mapping-your-communitys-strengths",
        "title": "Mapping your community's strengths",
        "summary": "Start from what your community already has. A step-by-step way to find the skills, places, "
        "groups and connections you can build on.",
        "audience": "community-groups",
        "featured": True,
        "themes": ["Getting started", "Community assets"],
        "related_guides": ["running-a-co-design-session"],
        "related_case_studies": ["green-space-volunteers-in-falkirk", "food-larder-in-north-lanarkshire"],
        "body": [
            text(
                "Most reports about a place list its problems. Strengths mapping turns that round: it "
                "starts from what people know, what they do and what they care about. Services then see "
                "your community as a partner with something to offer, not only as a set of needs.",
            ),
            heading("What counts as a strength"),
            (
                "checklist",
                {
                    "title": "Look for",
                    "items": [
                        "People: skills, experience, languages, the person everyone asks for help.",
                        "Groups: clubs, faith groups, parent groups, WhatsApp groups.",
                        "Places: halls, parks, cafes, a shop with a noticeboard.",
                        "Links: who knows someone at the council, the school, the health centre.",
                        "Stories: times the community came together and made something happen.",
                    ],
                },
            ),
            heading("Making the map"),
            activity(
                "A strengths map in one evening",
                90,
                ["A large printed map of your area", "Coloured pens and stickers", "Tea and something to eat"],
                [
                    "Invite a mix of people, including some who do not usually come to meetings.",
                    "Ask each person to mark places that matter to them and say why.",
                    "In small groups, list the skills and groups people know about.",
                    "Draw lines between things that could connect but do not yet.",
                    "Photograph the map and type up the lists within a week.",
                ],
            ),
            callout(
                "note",
                "Keep people's names off anything you share publicly unless they have said yes. A map of "
                "skills is about the community, not a directory of individuals.",
                title="Privacy",
            ),
            heading("Using what you find"),
            text(
                "Bring the map to your next meeting with a service. Start by showing what the community "
                "can bring, then talk about what you need. It changes the conversation.",
            ),
            takeaways(
                "Start from what you have, not what you lack.",
                "Involve people who are not usually in the room.",
                "Use the map to open conversations with services as an equal partner.",
            ),
        ],
    },
    {
        "slug": "running-a-co-design-session",
        "title": "Running a co-design session",
        "summary": "How to plan and run a session where community members and staff design something together, "
        "with a plan you can copy.",
        "audience": "facilitators",
        "featured": True,
        "themes": ["Co-design", "Meetings and events"],
        "related_guides": ["what-co-production-is-and-is-not", "working-with-a-public-service-as-equals"],
        "related_case_studies": ["school-run-redesign-in-dundee", "youth-bus-routes-in-fife"],
        "body": [
            text(
                "A co-design session brings people who use a service and people who run it into one room "
                "to shape something specific: a leaflet, a booking system, a drop-in, a route. It works "
                "when everyone knows what is up for change and what is not.",
            ),
            heading("Before the session"),
            (
                "checklist",
                {
                    "title": "Get ready",
                    "items": [
                        "Agree with the service, in writing, what can change and what budget exists.",
                        "Choose a place and time that suits community members first.",
                        "Offer travel costs, childcare and food. Say so on the invitation.",
                        "Send a one-page briefing in plain English a week before.",
                        "Check access needs: step-free entry, hearing loop, large print.",
                    ],
                },
            ),
            heading("On the day"),
            activity(
                "A two-hour co-design plan",
                120,
                ["Large paper and pens", "Name badges without job titles", "A timer"],
                [
                    "Welcome and ground rules (10 minutes): first names only, no jargon, everyone's view counts.",
                    "Share experiences (25 minutes): pairs of one user and one staff member swap stories.",
                    "Find the problem (20 minutes): groups agree the one thing most worth fixing.",
                    "Build ideas (40 minutes): sketch or act out a better version.",
                    "Choose and commit (20 minutes): agree which ideas to test and who does what by when.",
                    "Close (5 minutes): thank people and say when they will hear what happened.",
                ],
            ),
            callout(
                "warning",
                "Do not ask people to give their time if the decision has already been made. If the room "
                "finds out, you lose trust that takes years to rebuild.",
            ),
            heading("After the session"),
            text(
                "Write up what was agreed within a week, in plain English, and send it to everyone. Report "
                "back on what happened to each idea, including the ones that did not go ahead and why.",
            ),
            (
                "quote",
                {
                    "text": "The first time, we were polite. By the third session we were arguing about the "
                    "details, and that was when it got good.",
                    "attribution": "A parent from a school run project",
                    "role": "",
                },
            ),
            takeaways(
                "Be clear about what can change before you invite anyone.",
                "Pay attention to who can come, and remove the barriers.",
                "Always report back, especially on ideas that did not go ahead.",
            ),
        ],
    },
    {
        "slug": "working-with-a-public-service-as-equals",
        "title": "Working with a public service as equals",
        "summary": "Practical ways for a community group to hold its own with a council, health board or other "
        "service, and for staff to make room for them.",
        "audience": "public-services",
        "themes": ["Power and equality", "Working with services"],
        "related_guides": ["what-co-production-is-and-is-not"],
        "related_case_studies": ["health-centre-waiting-room-in-glasgow", "housing-repairs-panel-in-renfrewshire"],
        "body": [
            text(
                "Services hold money, information and the authority to decide. Community groups hold "
                "knowledge of daily life that no report can match. Working as equals means each side "
                "respecting what the other brings and agreeing how decisions will be made.",
            ),
            heading("For community groups"),
            (
                "checklist",
                {
                    "title": "Ask for",
                    "items": [
                        "A named contact who will reply to you.",
                        "Papers in plain English, in good time before meetings.",
                        "A written note of what was agreed and who will act.",
                        "Payment or expenses for the time your members give.",
                    ],
                },
            ),
            heading("For staff in public services"),
            text(
                "Share the budget and the constraints early. Let the group set part of the agenda. Meet in "
                "community spaces as often as in your offices. When you cannot do what the group asks, say "
                "so and explain why.",
            ),
            callout(
                "tip",
                "Agree a short partnership agreement at the start: what each side will do, how you will "
                "decide things, and what happens when you disagree.",
                title="Write it down",
            ),
            activity(
                "Drafting a partnership agreement together",
                45,
                ["A blank agreement with four headings", "Pens"],
                [
                    "Under 'What we will each bring', list what the group and the service will give.",
                    "Under 'How we decide', agree who decides what and how you vote or agree.",
                    "Under 'When we disagree', agree the first step, such as a meeting with a neutral chair.",
                    "Under 'How we check', agree when you will review the agreement together.",
                ],
            ),
            takeaways(
                "Equal does not mean the same: each side brings something different.",
                "Share budgets and constraints early.",
                "Write down how you will work together and review it.",
            ),
        ],
    },
]


def story(challenge, did, changed, lessons):
    return {
        "challenge": p(challenge),
        "what_they_did": [("paragraph", p(*did))],
        "what_changed": p(changed),
        "lessons": p(lessons),
    }


CASE_STUDIES = [
    {
        "slug": "school-run-redesign-in-dundee",
        "title": "Parents and the council redesign the school run",
        "summary": "Parents in a Dundee neighbourhood worked with council road safety staff to make the walk to "
        "school safer, and ran the walking buses themselves.",
        "place": "dundee-city",
        "themes": ["Children and families", "Transport"],
        "activities": ["co_design", "co_delivery"],
        "partners": [
            ("Hilltown Parents Together", "community-group"),
            ("Dundee City Council road safety team", "public-service"),
        ],
        "outcomes": [("3", "walking bus routes"), ("40", "children walking each morning")],
        "quotes": [
            {
                "text": "We knew which crossings were dangerous because we crossed them every day.",
                "attribution": "Parent volunteer",
                "role": "walking bus leader",
            }
        ],
        **story(
            "Parents were worried about speeding traffic on the way to the primary school, but earlier "
            "complaints had only led to leaflets.",
            [
                "The parents' group walked the routes with two road safety officers and marked every place "
                "they felt unsafe on a map.",
                "Together they chose three routes, agreed where new crossing patrols and signs should go, and "
                "the parents organised volunteers to lead walking buses.",
            ],
            "More children walk to school, two new crossing points were built, and the council now asks the "
            "group to check plans for other schools.",
            "Walk the route together. Seeing the problem side by side did more than any meeting.",
        ),
    },
    {
        "slug": "library-hours-in-the-western-isles",
        "title": "Island residents decide their library's opening hours",
        "summary": "When budgets were cut, residents and library staff agreed together when a small island "
        "library should open, and volunteers now run a weekend session.",
        "place": "na-h-eileanan-siar",
        "themes": ["Libraries and culture", "Rural and island life"],
        "activities": ["co_commissioning", "co_delivery"],
        "partners": [
            ("Friends of the Village Library", "community-group"),
            ("Comhairle nan Eilean Siar library service", "public-service"),
        ],
        "outcomes": [("12", "hours open each week, up from 8"), ("9", "trained volunteers")],
        **story(
            "Opening hours were to be cut, and the hours on offer suited staff rotas rather than the ferry "
            "and work patterns of the people who used the library.",
            [
                "The library service shared its budget openly with a group of residents.",
                "Residents collected information on when people could actually come, and together they chose "
                "new hours that cost no more. Volunteers offered to run a Saturday session with staff support.",
            ],
            "The library is open at the times people need, visits went up, and the Saturday session has "
            "become a meeting place for older residents.",
            "Open the books. Once residents could see the real budget, the conversation became practical.",
        ),
    },
    {
        "slug": "green-space-volunteers-in-falkirk",
        "title": "Neighbours and rangers bring a neglected park back to life",
        "summary": "A residents' group and the council's ranger service planned and now care for a park "
        "together, from planting to running events.",
        "place": "falkirk",
        "themes": ["Green spaces", "Community assets"],
        "activities": ["co_design", "co_delivery", "co_assessment"],
        "partners": [
            ("Westfield Park Neighbours", "community-group"),
            ("Falkirk Council ranger service", "public-service"),
            ("Local conservation volunteers", "third-sector"),
        ],
        "outcomes": [("400", "trees planted"), ("6", "community events a year")],
        **story(
            "The park had become a place people avoided, with broken paths and little reason to visit.",
            [
                "Neighbours mapped what they liked and disliked about the park and shared it with the rangers.",
                "They designed a new layout together, then held monthly planting days. Each year the group and "
                "the rangers walk the park and score it against the goals they set.",
            ],
            "Families use the park again, antisocial behaviour reports fell, and the group now trains other "
            "residents' groups.",
            "Check progress together every year. It keeps everyone honest and shows what has been achieved.",
        ),
    },
    {
        "slug": "food-larder-in-north-lanarkshire",
        "title": "A community food larder run with the council and a housing association",
        "summary": "Local people, a housing association and the council set up a food larder with dignity at "
        "its heart, and decide together how it runs.",
        "place": "north-lanarkshire",
        "themes": ["Food", "Money and poverty"],
        "activities": ["co_commissioning", "co_delivery"],
        "partners": [
            ("Craigneuk Community Larder", "community-group"),
            ("Local housing association", "third-sector"),
            ("North Lanarkshire Council financial inclusion team", "public-service"),
        ],
        "outcomes": [("120", "households using the larder each month"), ("1 in 3", "members now volunteer")],
        **story(
            "People felt ashamed using emergency food parcels and many stopped going, even when they needed to.",
            [
                "People who had used food banks met with the council and the housing association to agree "
                "what a better service would look like.",
                "They chose a membership larder with a small weekly fee and free choice of food. Members sit on "
                "the steering group, which decides how the grant is spent.",
            ],
            "More people use the larder and stay in touch with money advice, and members say they feel respected.",
            "Ask the people who use a service what dignity means to them, then design around it.",
        ),
    },
    {
        "slug": "youth-bus-routes-in-fife",
        "title": "Young people shape evening bus routes",
        "summary": "Young people in rural Fife gathered evidence and worked with transport planners to change "
        "evening bus times so they could reach college and clubs.",
        "place": "fife",
        "themes": ["Young people", "Transport"],
        "activities": ["co_design", "co_assessment"],
        "partners": [
            ("East Neuk Youth Forum", "community-group"),
            ("Fife Council transportation team", "public-service"),
            ("Local bus operator", "other"),
        ],
        "outcomes": [("2", "evening routes changed"), ("150", "young people surveyed by their peers")],
        **story(
            "The last bus left before evening classes and clubs finished, so many young people could not take part.",
            [
                "The youth forum ran its own survey in schools and youth clubs and presented the results to "
                "transport planners.",
                "Planners and young people worked through timetables together and agreed a six-month trial. The "
                "forum counted passengers and reported back.",
            ],
            "Two evening routes now run later, and the young people's counts helped make the trial permanent.",
            "Young people are good researchers. Give them the tools and take their findings seriously.",
        ),
    },
    {
        "slug": "health-centre-waiting-room-in-glasgow",
        "title": "Patients and staff rethink a health centre's welcome",
        "summary": "A patient group and health centre staff redesigned the reception and appointment letters "
        "so they work for people with different languages and needs.",
        "place": "glasgow-city",
        "themes": ["Health and wellbeing", "Equality and access"],
        "activities": ["co_design", "co_assessment"],
        "partners": [
            ("Govanhill Patients' Voice", "community-group"),
            ("Health centre practice team", "public-service"),
            ("Local interpreting charity", "third-sector"),
        ],
        "outcomes": [("5", "languages on new signs"), ("30%", "fewer missed appointments")],
        **story(
            "Many patients struggled with letters and signs in English only, and missed appointments were "
            "blamed on them rather than on the system.",
            [
                "Patients and reception staff swapped roles for an afternoon to see the service from the other side.",
                "Together they rewrote appointment letters in plain English, added translated signs and a "
                "picture guide, and reviewed the results after three months.",
            ],
            "Fewer appointments are missed, reception is calmer, and staff say they understand patients better.",
            "Swapping roles, even briefly, changed how staff and patients saw each other.",
        ),
    },
    {
        "slug": "housing-repairs-panel-in-renfrewshire",
        "title": "Tenants help judge the housing repairs service",
        "summary": "A panel of tenants works with a council housing team to check the repairs service and "
        "decide what to fix first.",
        "place": "renfrewshire",
        "themes": ["Housing", "Power and equality"],
        "activities": ["co_assessment", "co_commissioning"],
        "partners": [
            ("Tenants' Scrutiny Panel", "community-group"),
            ("Renfrewshire Council housing services", "public-service"),
        ],
        "outcomes": [("8", "recommendations adopted"), ("2 days", "faster average repair time")],
        **story(
            "Tenants' complaints about repairs were handled one by one, and nothing changed in the system as a whole.",
            [
                "A panel of tenants was trained to review the repairs service, with access to the data staff use.",
                "They interviewed tenants and staff, made recommendations, and helped write the specification "
                "for the next repairs contract.",
            ],
            "Repairs are faster, tenants are asked about a repair once it is done, and the panel's report goes "
            "to the council's housing committee each year.",
            "Give community members the same information the managers see, with training to use it.",
        ),
    },
    {
        "slug": "mental-health-peer-support-scotland-wide",
        "title": "Peer supporters and a national charity co-deliver mental health groups",
        "summary": "People with lived experience of mental ill health and a national charity run peer support "
        "groups together, sharing the planning and the checking.",
        "place": "scotland-wide",
        "themes": ["Mental health", "Health and wellbeing"],
        "activities": ["co_design", "co_delivery", "co_assessment"],
        "partners": [
            ("Peer supporters' network", "community-group"),
            ("A national mental health charity", "third-sector"),
            ("Health and social care partnerships", "public-service"),
        ],
        "outcomes": [("14", "groups across Scotland"), ("60", "trained peer supporters")],
        "quotes": [
            {
                "text": "I went from being someone the service was for to someone who helps run it.",
                "attribution": "Peer supporter",
                "role": "group co-facilitator",
            }
        ],
        **story(
            "People leaving hospital had little support in their own community, and existing groups were led "
            "by professionals only.",
            [
                "Peer supporters and charity staff wrote the training together and now co-facilitate every group.",
                "Members help decide the topics, and each year peer supporters lead the review of what is working.",
            ],
            "Groups run in fourteen areas, and members say they feel less alone and more able to speak up.",
            "Pay peer supporters for their time and give them real roles, not token places.",
        ),
    },
]
