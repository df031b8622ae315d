"""Questions for groups to talk about at the demo steps, printed in the meeting packs: step title to questions."""

DISCUSSION_QUESTIONS = {
    "Why are we here?": [
        "What made you come along today?",
        "What would you like to be different in a year?",
        "What do our answers have in common?",
    ],
    "Who is not in the room?": [
        "Who lives or works here but never comes to our meetings?",
        "What might stop them coming?",
        "What is one thing we could do to reach each of them?",
    ],
    "How we make decisions": [
        "Which decisions need the whole group?",
        "Which decisions can a small team make?",
        "What do we do when we do not agree?",
    ],
    "Help everyone take part": [
        "Who spoke least at our last meeting, and why?",
        "What would make it easier for everyone to have a say?",
    ],
    "Prepare for the first meeting": [
        "What do we want from the meeting?",
        "What can we offer the service?",
        "Who will speak for the group, and who will take notes?",
    ],
    "Decide what to keep track of": [
        "What change would show our work is making a difference?",
        "What is the simplest way to keep track of it?",
    ],
    "Look back together": [
        "What went well, and what would we do differently?",
        "What are we proud of?",
    ],
}
