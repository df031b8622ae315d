"""The demo readiness framework: nine domains in the Hub's own words, each with four levels."""

# (slug, name, summary, why it matters, [level 1..4 descriptors], [indicators], [suggested evidence], [step slugs])
DOMAINS = [
    (
        "purpose-and-plan",
        "Purpose and plan",
        "Knowing why the group exists, who it is for, and what it wants to change over the next year or two.",
        "A clear purpose keeps people together when things get hard, and lets partners see where they fit.",
        [
            "A few people share a worry or an idea, but it is not written down yet.",
            "The group has agreed its purpose in a sentence or two and has a short list of things to do.",
            "There is a simple plan for the year that members helped write, and the group checks it at meetings.",
            "The plan is reviewed every year with the wider community, and the group helps others write theirs.",
        ],
        [
            "Members can say in their own words what the group is for",
            "There is a written plan with dates and names against actions",
            "The plan was shaped by people who use the service, not only the committee",
        ],
        ["annual_report", "agm_minutes"],
        ["why-are-we-here", "set-a-purpose"],
    ),
    (
        "governance",
        "Governance",
        "How the group makes decisions, who is accountable, and the rules it has agreed to run itself by.",
        "Funders and services need to know decisions are made openly and that no one person holds all the power.",
        [
            "Decisions are made informally by whoever turns up.",
            "The group has a governing document and a small committee, but roles are still settling in.",
            "The constitution is in use, the committee has at least three unrelated people, and an AGM is held.",
            "Governance is reviewed regularly, new people are brought on, and the group mentors other groups.",
        ],
        [
            "A constitution or deed that members have adopted",
            "At least three committee members who are not related or living together",
            "Minutes that show who decided what",
            "A way to declare and handle conflicts of interest",
        ],
        ["constitution", "committee_list", "agm_minutes", "conflicts_register"],
        ["how-we-make-decisions", "choose-a-structure", "agree-a-constitution", "form-a-committee"],
    ),
    (
        "money",
        "Money",
        "Looking after the group's money so it is safe, spent as agreed, and reported openly.",
        "Grant money is public or charitable money; people need to trust that it is handled carefully.",
        [
            "Money is kept in a personal account or a cash tin, if there is any.",
            "The group has its own bank account and keeps a simple record of what comes in and goes out.",
            "Two unrelated people approve spending, there is a budget, and yearly accounts are shared with members.",
            "Finances are planned ahead, reserves are agreed, and the group helps others set up good money habits.",
        ],
        [
            "A bank account in the group's name",
            "Two unrelated signatories for every payment",
            "Accounts or a 12-month projection that members have seen",
        ],
        ["bank_mandate", "accounts", "budget"],
        ["open-a-bank-account"],
    ),
    (
        "keeping-people-safe",
        "Keeping people safe",
        "Protecting the children, young people and adults the group works with, and the volunteers themselves.",
        "Safe groups are trusted groups: people come back when they know someone has thought about their safety.",
        [
            "The group has not yet talked about what could go wrong or who might be at risk.",
            "A safeguarding lead is named and the group has a basic policy, though few people know it well.",
            "The policy fits the work, is reviewed every year, volunteers know what to do, and insurance is in place.",
            "Safety is part of every activity, concerns are handled well, and the group shares how it works.",
        ],
        [
            "A named person people can go to with a concern",
            "A safeguarding policy reviewed in the last twelve months",
            "Risk assessments for activities",
            "Public liability insurance that is in date",
        ],
        ["safeguarding_policy", "safeguarding_lead", "code_of_conduct", "risk_assessment", "insurance"],
        ["safeguarding-basics", "write-a-safeguarding-policy-and-name-a-lead"],
    ),
    (
        "equality-and-access",
        "Equality and access",
        "Making sure anyone in the community can take part, whatever their background, language, ability or means.",
        "Co-production only works if the people most affected are in the room and able to have their say.",
        [
            "The group mostly reaches people who are already involved.",
            "The group has noticed who is missing and tried one or two changes, like a different meeting time.",
            "There is an equalities policy in use, meetings are accessible, and costs of taking part are covered.",
            "People who face barriers help lead the group, and it advises others on being open to everyone.",
        ],
        [
            "The group knows who in its community is not yet involved",
            "Meeting places, times and papers suit the people it wants to reach",
            "Travel, childcare or caring costs can be paid back",
        ],
        ["equalities_policy"],
        ["who-is-not-in-the-room", "make-your-meetings-accessible", "help-everyone-take-part"],
    ),
    (
        "community-engagement-and-co-production",
        "Community engagement and co-production",
        "Involving the wider community as equals in deciding, designing, delivering and checking services.",
        "Services shaped with the people who use them work better and waste less.",
        [
            "The group speaks for the community but has not yet asked it much.",
            "The group has mapped local strengths and asked people what matters to them.",
            "Community members share decisions in real projects with services, not only consultation.",
            "Co-production is how the group works, and it coaches services and other groups to do the same.",
        ],
        [
            "A map of the community's strengths and assets",
            "Examples of people outside the committee shaping decisions",
            "Feedback to the community on what changed because of what they said",
        ],
        ["monitoring_records", "letters_of_support"],
        ["what-is-co-production", "map-your-communitys-assets", "listen-beyond-your-members"],
    ),
    (
        "people-volunteers-and-data",
        "People, volunteers and data",
        "Welcoming, supporting and thanking volunteers, and looking after people's personal information.",
        "Volunteers are the group's biggest asset; careless handling of data can lose trust quickly.",
        [
            "A few people do most of the work and nothing is written down about roles or data.",
            "Volunteers have simple role descriptions and the group knows what personal data it keeps.",
            "There is a volunteer policy and a data protection policy in use, and volunteers get an induction.",
            "Volunteers grow into leaders, roles are shared out, and the group helps others with policies.",
        ],
        [
            "Volunteers know what is expected of them and who supports them",
            "Personal data is kept only as long as needed and stored safely",
            "People are thanked and their expenses are paid",
        ],
        ["volunteer_policy", "data_protection_policy"],
        ["agree-how-you-will-work-together", "record-decisions-and-actions"],
    ),
    (
        "partnership-working",
        "Partnership working",
        "Building honest, equal working relationships with public services, charities and other groups.",
        "Most change needs several partners; groups that partner well get heard and get things done.",
        [
            "The group has few contacts in services and is not sure who to approach.",
            "The group knows its allies and has met one or two services.",
            "There are agreed ways of working with at least one partner, written down and reviewed.",
            "The group is a trusted partner that services come to, and it brings other groups to the table.",
        ],
        [
            "A list of allies and what each brings",
            "A written agreement on how the group and a partner will work together",
            "Partners who would write a letter of support",
        ],
        ["partnership_agreement", "letters_of_support"],
        ["find-your-allies", "prepare-for-the-first-meeting", "agree-how-you-will-work-together"],
    ),
    (
        "learning-and-impact",
        "Learning and impact",
        "Noticing what difference the group makes, learning from it, and telling others.",
        "Knowing what works helps the group improve, and shows funders and services why it matters.",
        [
            "The group does good work but does not yet keep track of what changes.",
            "The group has chosen a few things to keep track of and collects some stories.",
            "The group looks back together at least once a year and changes what it does as a result.",
            "The group's learning is shared widely and other groups use its approach.",
        ],
        [
            "A short list of changes the group wants to see and how it will notice them",
            "Stories or figures collected over time",
            "A yearly look back that led to a change",
        ],
        ["monitoring_records", "annual_report"],
        ["decide-what-to-keep-track-of", "collect-stories-of-change", "look-back-together"],
    ),
]

# The halfway group's agreed levels, strengths and next steps in its baseline round.
RIVERSIDE_AGREED = {
    "purpose-and-plan": (
        3,
        "Everyone can say what we are for: repairs done right first time, and tenants treated with respect.",
        "Turn our list of actions into a plan for the year with dates.",
    ),
    "governance": (
        3,
        "We adopted a constitution in March and have a committee of five.",
        "Start a conflicts of interest register.",
    ),
    "money": (
        2,
        "We opened a bank account in the group's name.",
        "Agree a budget and ask two unrelated people to approve spending.",
    ),
    "keeping-people-safe": (
        2,
        "We named a safeguarding lead and talked through our risks.",
        "Write our safeguarding policy and check our insurance.",
    ),
    "equality-and-access": (
        2,
        "We moved meetings to the evening so people at work can come.",
        "Find out why younger tenants do not come, and pay back childcare.",
    ),
    "community-engagement-and-co-production": (
        3,
        "We mapped what the flats have: skills, a meeting room and tenants who know the repairs system.",
        "Plan the repairs walkabout together with the housing association.",
    ),
    "people-volunteers-and-data": (
        1,
        "Several tenants help every month.",
        "Write short role descriptions and decide what contact details we keep.",
    ),
    "partnership-working": (
        2,
        "We know our allies at the council and the housing association.",
        "Agree in writing how we and the housing association will work together.",
    ),
    "learning-and-impact": (
        2,
        "We keep a log of repairs reported and fixed.",
        "Collect three stories of change before our next review.",
    ),
}

CFF_THRESHOLDS = {
    "purpose-and-plan": 2,
    "governance": 3,
    "money": 3,
    "keeping-people-safe": 3,
    "equality-and-access": 2,
    "community-engagement-and-co-production": 2,
    "people-volunteers-and-data": 2,
    "partnership-working": 2,
    "learning-and-impact": 2,
}
CFF_REQUIREMENTS = {
    "governance": ["constitution"],
    "money": ["bank_mandate"],
    "keeping-people-safe": ["safeguarding_policy", "insurance"],
}
