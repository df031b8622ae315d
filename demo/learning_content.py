"""The demo pathways' words: original plain-English text for "Ready to co-produce" and a shorter pathway.

Each step is (title, kind, minutes, rule, evidence type, summary, paragraphs, checklist).
"""

READY = {
    "title": "Ready to co-produce",
    "slug": "ready-to-co-produce",
    "summary": (
        "A pathway for community groups who want to work with public services as equals: "
        "from agreeing what you stand for to showing the difference you make."
    ),
    "who_for": (
        "Any community group, new or long-running, formal or informal, that wants a real say in "
        "how local services are designed and run. You do not need a constitution or a bank account to start."
    ),
    "outcomes": (
        "<ul><li>say clearly what your group is for and who it speaks with</li>"
        "<li>show that you are organised, accountable and safe</li>"
        "<li>sit down with a public service and plan something together, as equals</li>"
        "<li>show funders and partners what has changed because of your work</li></ul>"
    ),
    "estimated_time": "About 15 hours of group time over three to six months",
    # Certificates last three years, as quality marks such as NCVO's Trusted Standard do.
    "validity_months": 36,
    "stages": [
        {
            "title": "Coming together",
            "outcome": "Your group agrees why it exists, who it is for and how you will decide things.",
            "steps": [
                (
                    "Why are we here?",
                    "discuss",
                    45,
                    "member",
                    "",
                    "Agree, in a sentence or two, what your group wants to change.",
                    [
                        "Groups that last usually share a simple reason for meeting. Before you plan anything, "
                        "take time to hear why each person came along and what they hope will be different in a year.",
                        "Write the answers up where everyone can see them, then look for what they have in common. "
                        "Keep the words your members used rather than tidying them into jargon.",
                    ],
                    ["Everyone has had a turn to speak", "You have one or two sentences you all agree with"],
                ),
                (
                    "Who is not in the room?",
                    "discuss",
                    30,
                    "member",
                    "",
                    "Think about the people your group should hear from but usually does not.",
                    [
                        "Every group misses someone: people who work shifts, carers, younger people, people who do "
                        "not speak English as a first language, people who have been let down before.",
                        "Make a short list of who is missing and one practical thing you "
                        "could do to reach each of them.",
                    ],
                    [],
                ),
                (
                    "How we make decisions",
                    "do",
                    40,
                    "coordinator",
                    "",
                    "Agree how your group will make decisions and write it down.",
                    [
                        "Decide what needs the whole group, what a small team can settle, and what happens when you "
                        "disagree. A few lines on one page are enough to start.",
                        "Your coordinator confirms this step once the group has agreed the page.",
                    ],
                    ["Who can decide what", "How you vote or reach agreement", "How you record decisions"],
                ),
            ],
        },
        {
            "title": "Knowing your community's strengths",
            "outcome": "You have a picture of what your community already has, not only what it lacks.",
            "steps": [
                (
                    "What is co-production?",
                    "learn",
                    20,
                    "member",
                    "",
                    "Learn what co-production means and how it differs from being consulted.",
                    [
                        "Co-production means people who use a service and people who run it sharing power to design, "
                        "deliver and check it together. Being asked for your views after the decisions are made is "
                        "consultation, not co-production.",
                        "Talk about a time your group was consulted and a time you felt you had real influence. "
                        "What was different?",
                    ],
                    [],
                ),
                (
                    "Map your community's assets",
                    "do",
                    60,
                    "member",
                    "",
                    "List the skills, places, networks and stories your community already has.",
                    [
                        "Start from strengths. On a large sheet, note the people with skills to share, the places "
                        "where people meet, the groups and businesses that help, and the "
                        "local knowledge no one else has.",
                        "Keep the map: it will help you show partners what your community brings to the table.",
                    ],
                    ["People and their skills", "Places and spaces", "Groups and networks", "Local knowledge"],
                ),
                (
                    "Listen beyond your members",
                    "do",
                    90,
                    "member",
                    "monitoring_records",
                    "Hear from at least ten people who are not yet involved.",
                    [
                        "Use short conversations at the school gate, the shop or an online group. Ask what is good "
                        "about the area and what one thing they would change.",
                        "Write down what you heard, without names, and share it at your next meeting.",
                    ],
                    [],
                ),
            ],
        },
        {
            "title": "Getting organised",
            "outcome": "Your group has the basic structure funders and partners expect.",
            "steps": [
                (
                    "Choose a structure",
                    "learn",
                    30,
                    "member",
                    "",
                    "Understand the main ways a community group can be set up.",
                    [
                        "Many groups start informal. An unincorporated association with a simple constitution is "
                        "often enough for small grants; a SCIO or company gives more protection as you grow.",
                        "You do not need to decide today. Note what would change for your group under each option.",
                    ],
                    [],
                ),
                (
                    "Agree a constitution",
                    "evidence",
                    120,
                    "coordinator",
                    "constitution",
                    "Adopt a governing document that says what your group is for and how it is run.",
                    [
                        "Use a model constitution from a trusted support body and adapt it. Make sure membership is "
                        "open and that the community stays in control.",
                        "Adopt it at a meeting, keep a note of the date, and add the signed "
                        "copy to your evidence library.",
                    ],
                    ["Purpose", "Who can be a member", "How the committee is chosen", "What happens to money"],
                ),
                (
                    "Form a committee",
                    "do",
                    45,
                    "coordinator",
                    "committee_list",
                    "Have at least three people, not from the same family, who share the work.",
                    [
                        "Funders usually look for a chair, a treasurer and a secretary. They should not be related "
                        "or live together. Agree who does what, and when you will look at the roles again.",
                    ],
                    [],
                ),
                (
                    "Open a bank account",
                    "evidence",
                    60,
                    "facilitator",
                    "bank_mandate",
                    "Open an account in the group's name. Two people who are not related agree each payment.",
                    [
                        "A group account keeps money safe. It also shows funders that you take good care of it. "
                        "Ask the bank for two people who are not related to sign for every payment.",
                        "Your facilitator checks this step when they have seen the bank mandate (the bank's list of "
                        "who can sign).",
                    ],
                    [],
                ),
            ],
        },
        {
            "title": "Keeping everyone safe and included",
            "outcome": "People can take part safely, and your group welcomes everyone it serves.",
            "steps": [
                (
                    "Safeguarding basics",
                    "learn",
                    45,
                    "member",
                    "",
                    "Understand what safeguarding means for a group like yours.",
                    [
                        "Safeguarding is about keeping children and adults at risk safe "
                        "from harm while they take part. "
                        "Think about what your group actually does and where the risks are.",
                    ],
                    [],
                ),
                (
                    "Write a safeguarding policy and name a lead",
                    "evidence",
                    90,
                    "coordinator",
                    "safeguarding_policy",
                    "Adopt a short, proportionate policy and agree who people should go to with a concern.",
                    [
                        "Keep the policy short enough that every member reads it. Say who the named lead is, how to "
                        "raise a concern, and when the policy will be reviewed each year.",
                    ],
                    ["Named lead", "How to raise a concern", "Review date"],
                ),
                (
                    "Make your meetings accessible",
                    "do",
                    40,
                    "member",
                    "equalities_policy",
                    "Check that everyone can get to, and take part in, your meetings.",
                    [
                        "Think about the time of day, step-free access, hearing loops, childcare, the cost of travel "
                        "and whether papers are in plain English.",
                    ],
                    [],
                ),
            ],
        },
        {
            "title": "Working with public services as equals",
            "outcome": "You can plan something together with a public service and agree how you will work.",
            "steps": [
                (
                    "Find your allies",
                    "do",
                    60,
                    "member",
                    "",
                    "Identify the people in local services who want to share power.",
                    [
                        "In most services there are people who want to work differently. Ask around, go to open "
                        "meetings, and note who listens and follows up.",
                    ],
                    [],
                ),
                (
                    "Prepare for the first meeting",
                    "discuss",
                    45,
                    "member",
                    "",
                    "Agree what you want from a first meeting and what you bring.",
                    [
                        "Lead with your strengths: your asset map, what you heard from the community, and what you "
                        "can offer. Agree who will speak and what you will not give up.",
                    ],
                    [],
                ),
                (
                    "Agree how you will work together",
                    "evidence",
                    60,
                    "facilitator",
                    "partnership_agreement",
                    "Write down, with your partner, how decisions will be shared.",
                    [
                        "A one-page agreement can cover who decides what, how information is shared, how people are "
                        "paid or thanked for their time, and what happens if things go wrong.",
                    ],
                    [],
                ),
            ],
        },
        {
            "title": "Showing the difference",
            "outcome": "You can show what has changed because of your group, in your own words and in numbers.",
            "steps": [
                (
                    "Decide what to keep track of",
                    "discuss",
                    40,
                    "member",
                    "",
                    "Choose a few things that would show your work is making a difference.",
                    [
                        "Pick three or four signs of change that matter to your community, and how you will notice "
                        "them: a count, a short survey, or stories people tell you.",
                    ],
                    [],
                ),
                (
                    "Collect stories of change",
                    "do",
                    60,
                    "member",
                    "monitoring_records",
                    "Gather short stories from people about what changed for them.",
                    [
                        "Ask people what was different before and after, and what made the difference. Ask their "
                        "permission to share their story, and let them choose whether to be named.",
                    ],
                    [],
                ),
                (
                    "Look back together",
                    "reflect",
                    45,
                    "member",
                    "",
                    "Reflect as a group on what you have learned and what comes next.",
                    [
                        "Look back at why you came together. What has changed? What surprised you? What would you do "
                        "differently? Write a short reflection as a group.",
                    ],
                    [],
                ),
            ],
        },
    ],
}

MEETINGS = {
    "title": "Running good meetings",
    "slug": "running-good-meetings",
    "summary": "A short pathway on meetings that people want to come back to.",
    "who_for": "Anyone who organises or chairs meetings for a community group.",
    "outcomes": "<ul><li>plan a meeting with a clear purpose</li><li>help everyone take part</li></ul>",
    "estimated_time": "About 3 hours",
    "validity_months": 12,
    "stages": [
        {
            "title": "Before the meeting",
            "outcome": "Your meeting has a purpose, an agenda and the right people invited.",
            "steps": [
                (
                    "Set a purpose",
                    "learn",
                    15,
                    "member",
                    "",
                    "Know why you are meeting before you send the invitation.",
                    [
                        "Write one sentence: by the end of this meeting we will have... If you "
                        "cannot, you may not need to meet."
                    ],
                    [],
                ),
                (
                    "Write a short agenda",
                    "do",
                    20,
                    "member",
                    "",
                    "Put the most important item first and give each item a time.",
                    ["Share the agenda a few days ahead, in plain English, so people can come prepared."],
                    [],
                ),
            ],
        },
        {
            "title": "In the meeting",
            "outcome": "Everyone who wants to speak is heard, and decisions are recorded.",
            "steps": [
                (
                    "Help everyone take part",
                    "discuss",
                    30,
                    "member",
                    "",
                    "Use simple ways to hear from quieter people.",
                    ["Try a round where everyone speaks once, or pairs that talk first and then report back."],
                    [],
                ),
                (
                    "Record decisions and actions",
                    "do",
                    20,
                    "coordinator",
                    "agm_minutes",
                    "Keep a short record of what was decided and who will do what.",
                    ["A few lines are enough: the decision, who does it, and by when. Share them within a week."],
                    [],
                ),
            ],
        },
    ],
}
