"""English cue words for narrative.extract, as data.

Every list is a frozenset of lower-case words or lemmas (multi-word entries use a
single space). :func:`narrative.extract.data.check_cues` validates them when a
pipeline is built. Lists are grouped by the component that reads them.
"""

from __future__ import annotations

# ---------------------------------------------------------------- who is speaking

# Words that refer to the client in the clinician's narration.
CLIENT_NOUNS = frozenset(
    {
        "client",
        "pt",
        "patient",
        "c",
        "cl",
        "clt",
        "cl.",  # "Cl. went to the seniors' lunch" (one token, see SHORTHAND_TOKENS)
        "pt.",
        "clt.",
        "self",
        "member",
        "resident",
        "ct",
        # UK / Australian services: "Y.P." (young person), "SU" (service user), "consumer"
        "y.p.",
        "y.p",
        "yp",
        "su",
        "consumer",
        # veterans' services ("Veteran reports ..."), phone and crisis lines ("Caller said ...")
        "veteran",
        "vet",  # ("Vet completed PE protocol", "Vet agreed to gun lock": VA notes)
        "caller",
        # the identified patient of family and youth work ("IP agreed to ...", "Youth completed ...")
        "ip",
        "youth",
        # school and university counselling ("Student said, "I used to be the smart one."")
        "student",
        "pupil",
    }
)
# Names a care record introduces with an initial or an age (clauses.introduced_names): honorifics
# left out of the name, and the words before a name that make it someone else ("her son Jack (8)",
# "Counsellor: Anna K.", "interpreter Mr Farooqi").
HONORIFIC_WORDS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sr", "fr", "rev"})
OTHER_PERSON_ROLE_WORDS = frozenset(
    {
        "son",
        "daughter",
        "child",
        "baby",
        "brother",
        "sister",
        "mum",
        "mom",
        "mother",
        "dad",
        "father",
        "parent",
        "partner",
        "husband",
        "wife",
        "boyfriend",
        "girlfriend",
        "friend",
        "carer",
        "caregiver",
        "grandson",
        "granddaughter",
        "nephew",
        "niece",
        "cousin",
        "interpreter",
        "counsellor",
        "counselor",
        "therapist",
        "clinician",
        "psychologist",
        "psychiatrist",
        "facilitator",
        "facilitators",
        "supervisor",
        "supervisee",
        "nurse",
        "worker",
        "author",
        "writer",
        "gp",
        "to",
        "cc",
        "from",
        "by",
    }
)
# Capitalised words before an initial or an age that are no name ("Session 4", "Week, 12,").
NOT_CLIENT_NAME_WORDS = frozenset(
    {
        "session",
        "sess",
        "week",
        "wk",
        "day",
        "visit",
        "group",
        "review",
        "note",
        "page",
        "step",
        "age",
        "aged",
        "man",
        "woman",
        "boy",
        "girl",
        "male",
        "female",
    }
)
# What a note's subjectless "Agreed to ..." names when it is the therapy's own arrangement, not
# the client's step (classify._agreed_to_step): "Agreed to keep Thursday's appt", "Agreed to 4
# sessions"; and the in-session homework verbs of "Agreed to notice when she says ...".
AGREED_PLAN_WORDS = frozenset({"sessions", "appts", "appointments", "homework", "hw"})
AGREED_HOMEWORK_VERBS = frozenset(
    {"notice", "monitor", "record", "track", "log", "complete", "continue", "try", "trial"}
)
# The directions of "going backwards", a decline in how one is, not a move.
DECLINE_DIRECTIONS = frozenset({"backwards", "backward", "downhill"})
# A life status given as a participle in a note's demographics ("Mrs B., 88, widowed"), not an act.
LIFE_STATUS_PARTICIPLES = frozenset({"widowed", "bereaved", "orphaned"})
# Units of time: "Attended all 90 min" gives the session's length, not an activity attended.
TIME_UNITS = frozenset({"min", "mins", "minute", "minutes", "hour", "hours", "hr", "hrs", "h"})
# Two-word client nouns, by head noun: "service user", "young person".
CLIENT_COMPOUNDS = {"user": frozenset({"service"}), "person": frozenset({"young"})}
# Third-person pronouns that refer to the client when they head a clause in a note.
CLIENT_SUBJECT_PRONOUNS = frozenset({"she", "he", "they"})
CLIENT_OBJECT_PRONOUNS = frozenset(
    {"her", "him", "them", "herself", "himself", "themselves", "themself", "self"}
)
# Determiners that make a client noun someone else ("another member", "other clients").
OTHER_MEMBER_DETERMINERS = frozenset({"another", "other", "each", "every", "some", "several", "all"})
# The client's own records, whose quoted words are the client's ("entry from Tuesday reads: “...”").
OWN_RECORD_NOUNS = frozenset({"diary", "journal", "entry", "log"})
# Role nouns before another group member's initial or name ("Peer D. said ...", "Member T.").
GROUP_MEMBER_NOUNS = frozenset({"peer", "member", "groupmate", "classmate"})
# ("yourself" counts only where "you" is the client: a letter to the client.)
REFLEXIVES = frozenset({"herself", "himself", "themselves", "themself", "self", "myself", "yourself"})
FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"})
FIRST_PERSON_OBJECT = frozenset({"me", "myself"})
# Speakers who relay the client's own words in another language ("Interpreter relayed: "I was a
# man who fixed things"", "Via the interpreter, ..."): a speech frame with one of them as its subject
# is the client speaking.
RELAY_NOUNS = frozenset({"interpreter", "interpreters", "translator", "translators"})
# Speakers whose words are never the client's.
THERAPIST_NOUNS = frozenset(
    {
        "therapist",
        "clinician",
        "counselor",
        "counsellor",
        "writer",
        "worker",
        "psychologist",
        "psychiatrist",
        "provider",
        "practitioner",
        "doctor",
        "dr",
        "nurse",
        "facilitator",
        "we",
        "th",
        "t",
        "staff",
        "supervisor",
    }
)
# Transcript speaker labels at the start of a line ("Client:", "C:", "T:").
CLIENT_LABELS = frozenset(
    {
        "client",
        "c",
        "pt",
        "patient",
        "cl",
        "clt",
        "y.p",
        "yp",
        "su",
        "service user",
        "young person",
        # research interviews and focus groups
        "participant",
        "interviewee",
        "respondent",
        # crisis text and phone lines
        "texter",
        "caller",
        # school and college counselling
        "student",
        "pupil",
    }
)
# A field that holds the client's own words: "Client statement:", "Client's words:", "Pt quote:",
# "Kamran's words:", "In his own words:" (the owner: a client label, the client's name, or "his" /
# "her" / "their" after "in").
CLIENT_WORDS_FIELDS = frozenset(
    {"statement", "comment", "comments", "quote", "words", "reply", "response", "summary", "verbatim"}
)
# Speaker labels of other people in family and couples sessions ("Mum: ...", "Stepdad: ...").
OTHER_LABELS = frozenset(
    {
        "mum",
        "mom",
        "mother",
        "dad",
        "father",
        "stepdad",
        "stepfather",
        "stepmum",
        "stepmom",
        "stepmother",
        "parent",
        "carer",
        "caregiver",
        "partner",
        "husband",
        "wife",
        "boyfriend",
        "girlfriend",
        "sister",
        "brother",
        "son",
        "daughter",
        "grandma",
        "grandmother",
        "grandad",
        "grandfather",
        "nan",
        "aunt",
        "uncle",
        "teacher",
        "friend",
    }
)
# Other people the tagger may read as a name when they open a sentence ("Grandson reports he ...",
# "Physio reports ...", "Mam said ..."): never the client.
OTHER_PERSON_NOUNS = frozenset(
    {"grandson", "granddaughter", "grandchild", "mam", "mammy", "mummy", "daddy", "nana", "nanna",
     "gran", "granny", "papa", "mama", "cousin", "niece", "nephew", "auntie", "aunty", "fiance",
     "fiancé", "fiancee", "fiancée", "stepson", "stepdaughter", "flatmate", "roommate", "housemate",
     "physio", "physiotherapist", "midwife", "keyworker", "sponsor", "coach", "mentor", "employer"}
)  # fmt: skip
THERAPIST_LABELS = frozenset(
    {
        "therapist",
        "t",
        "th",
        "clinician",
        "counselor",
        "counsellor",
        "dr",
        "me",
        "writer",
        # research interviews and focus groups
        "interviewer",
        "int",
        "researcher",
        "facilitator",
        "moderator",
        "clin",
        "cslr",
        "psych",
        "psychologist",
        "key worker",
        "keyworker",
        "kw",
        # podcasts and radio documentaries: the host asks, the guest (the client) answers
        "host",
        "presenter",
    }
)

# Section labels of SOAP / DAP / BIRP notes ("S:", "Subjective:", "A:"). The subjective section
# holds the client's reported words; assessment and plan sections hold the clinician's.
SUBJECTIVE_LABELS = frozenset({"s", "subjective", "cc", "chief complaint", "client report", "pt report"})
OBJECTIVE_LABELS = frozenset({"o", "objective", "d", "data", "b", "behavior", "behaviour", "r", "response"})
ASSESSMENT_LABELS = frozenset(
    {
        "a",
        "assessment",
        "impression",
        "formulation",
        "i",
        "intervention",
        "interventions",
        "clinical impression",
    }
)
PLAN_LABELS = frozenset({"p", "plan", "homework", "hw", "next steps", "next session", "recommendations"})

# Words that open a clause giving the reason for the act before it ("I go because I want to").
REASON_MARKERS = frozenset({"because", "cos", "coz", "cause", "'cause", "’cause", "bc", "b/c"})

# Verbs that attribute speech, thought or a self-view to their subject.
REPORTING_VERBS = frozenset(
    {
        "say",
        "tell",
        "state",
        "report",
        "explain",
        "describe",
        "mention",
        "add",
        "admit",
        "acknowledge",
        "share",
        "express",
        "note",
        "indicate",
        "endorse",
        "disclose",
        "insist",
        "repeat",
        "claim",
        "write",
        "reply",
        "answer",
        "respond",
        "verbalize",
        "verbalise",
        "voice",
        "comment",
        "complain",
        "c/o",
        "remark",
        "agree",
        "concede",
        "confide",
        "feel",
        "think",
        "reckon",  # British, Irish and Australian "think": 'He reckons he's "a bloke who's still learning"'
        "believe",
        "call",
        "refer",
        "see",
        "view",
        "identify",
        "consider",
        "label",
        "recall",
        "realize",
        "realise",
        "reflect",
        "worry",
        "fear",
        "relate",
        "reveal",
        "announce",
        "stress",
        "emphasize",
        "emphasise",
        "joke",
        "wonder",
        "conclude",
        "argue",
        "laugh",
        "cry",
        "sob",
        "sigh",
        "whisper",
        "shout",
        "continue",
        "keep",
    }
)
# Reporting verbs that take "<reflexive> as X" or "<reflexive> X" (a self-view frame).
SELF_VIEW_VERBS = frozenset(
    {
        "describe",
        "list",  # "Lists herself as “anxious, awkward, a bit of a swot”"
        "see",
        "view",
        "call",
        "refer",
        "identify",
        "consider",
        "label",
        "think",
        "regard",
        "introduce",
        "name",
    }
)
# Subjectless note fragments led by one of these verbs are the client's self-view in the
# clinician's words ("Feels like a failure.", "Identifies as an addict."): voice reported.
FRAGMENT_SELF_VIEW_LEMMAS = frozenset(
    {"feel", "identify", "see", "view", "describe", "call", "consider", "regard", "refer", "label", "list"}
)
# Their third-person forms, which the parser may tag as plural nouns at the start of a fragment.
FRAGMENT_SELF_VIEW_FORMS = frozenset(
    {"feels", "identifies", "sees", "views", "describes", "calls", "considers", "regards", "refers", "labels",
     "lists"}
)  # fmt: skip
# Self-view verbs that lead a subjectless fragment with a reflexive ("Considers himself a
# "people pleaser."", "Labels self "weak"", "Described self today as ..."), in the forms notes use;
# the small parser often mis-tags them, so a sentence-level pattern finds them (first-person form after =).
FRAGMENT_SELF_VIEW_REFLEXIVE = {
    "sees": "see",
    "saw": "saw",
    "views": "view",
    "viewed": "viewed",
    "describes": "describe",
    "described": "described",
    "calls": "call",
    "called": "called",
    "considers": "consider",
    "considered": "considered",
    "labels": "label",
    "labelled": "labelled",
    "labeled": "labeled",
    "regards": "regard",
    "regarded": "regarded",
    "identifies": "identify",
    "identified": "identified",
    "refers to": "refer to",
    "referred to": "referred to",
    "thinks of": "think of",
    "thought of": "thought of",
    "pictures": "picture",
}
# Field labels that introduce the client's self-description ("Self-description: "a lost cause."").
SELF_DESCRIPTION_FIELDS = frozenset(
    {"self-description", "self description", "self-view", "self view", "describes self"}
)
# Nouns that mention a quotation rather than report the client saying it (core belief "I am
# unlovable", the thought "I'm useless").
MENTION_NOUNS = frozenset(
    {
        "questioning",  # "Socratic questioning re "I always ruin things""
        "belief",
        "thought",
        "statement",
        "phrase",
        "word",
        "words",
        "label",
        "title",
        "line",
        "slogan",
        "mantra",
        "affirmation",
        "schema",
        "assumption",
        "rule",
        "cognition",
        "nat",
        "nats",
        "record",  # thought record re: "I'm a liability"
        "fusion",  # ACT: fusion with "I'm too damaged"
        "defusion",
        "song",  # a line from her favourite song, "I'm a survivor"
        "lyric",
        "lyrics",
        "poem",
        "hymn",
        "verse",
        "motto",
        "saying",
    }
)
# Verbs of watching for a thought ("agreed to notice when she says "I'm stupid""): the quotation
# after "when she says" is the thought being watched for, a mention.
MONITORING_VERBS = frozenset(
    {"notice", "catch", "spot", "track", "log", "label", "challenge", "question", "counter", "watch"}
)
# Labels of a cognition being worked on, before a colon and a quotation (EMDR "NC: "I am
# powerless"", "PC: ...", "Negative cognition: ..."): the quotation is a mention, not a claim.
COGNITION_LABELS = frozenset({"nc", "pc", "cognition", "cognitions"})
# Thought-record cells ("Hot thought on Tue: "I'm a terrible mother"", "Balanced thought: "..."",
# "Automatic thought (90%): "...""): the word before "thought(s)" in a label that names the cell.
THOUGHT_CELL_WORDS = frozenset(
    {
        "hot",
        "automatic",
        "negative",
        "balanced",
        "balancing",
        "alternative",
        "alternate",
        "helpful",
        "unhelpful",
        "positive",  # (also before "belief" / "cognition": "Negative belief: ...", "Positive cognition: ...")
        "core",
    }
)
# Nouns a quotation can modify ("the "I'm a fraud" story", "her "not good enough" voice"): the
# quotation names the story, not the client's claim.
MENTIONED_AS_NOUNS = frozenset(
    {
        "story",
        "stories",
        "narrative",
        "script",
        "tape",
        "voice",
        "mantra",
        "label",
        # "fewer "I'm worthless" thoughts", "the "I'm a burden" belief"
        "thought",
        "thoughts",
        "belief",
        "beliefs",
        "cognition",
        "cognitions",
        "self-talk",
    }
)
# Verbs that express a desire with "would" ("I'd like to", "I would love to"): not conditional.
DESIRE_WITH_WOULD = frozenset({"like", "love", "prefer", "rather", "want", "hope"})
# Verbs of struggling that make the non-agentic half of a coping contrast ("I struggle, but I
# find ways"); alone they are not agency.
STRUGGLE_VERBS = frozenset({"struggle", "wobble", "slip", "stumble", "flounder", "suffer"})
# Words that make a clause talk about the chapter-title exercise ("can't be bothered with titles this
# week"; not "chapter": a book's chapters are read); and the verbs of giving or finding a title, when
# negated ("could not think of one yet", "Never gave it one").
TITLE_EXERCISE_WORDS = frozenset({"title", "titles"})
TITLE_ANSWER_VERBS = frozenset({"think", "come", "pick", "give", "put", "choose", "find", "settle", "decide"})
# How a text came to the record, as a reduced passive with the client or writer as agent ("typed up
# by client", "read aloud by the client", "written by client in session 10").
PROVENANCE_VERBS = frozenset(
    {"write", "type", "read", "bring", "scan", "transcribe", "dictate", "translate", "copy", "record"}
)
# What other people "keep" doing to the client in words ("keeps telling me I'm gonna relapse").
SPEECH_VERBS_NAGGED = frozenset({"tell", "say", "ask", "remind"})
# What a measure's score is counted in ("scored 14 points on the PHQ-9", "scored 60 percent").
SCORE_UNITS = frozenset({"point", "points", "percent", "%", "mark", "marks", "score"})
# What a plea of innocence denies having done ("I've done nothing wrong", "didn't do anything bad").
WRONGDOING_WORDS = frozenset({"wrong", "bad", "illegal", "criminal"})
# Verbs that ask for a name ("asked him to name this time in his life", "what he'd call the chapters").
TITLE_PROMPT_VERBS = frozenset({"name", "call", "title"})
# Time phrases that make a feeling a passing state ("I feel empty today", "feels rubbish right now").
MOMENTARY_PHRASES = frozenset(
    {
        "today",
        "tonight",
        "yesterday",
        "this morning",
        "this evening",
        "this week",
        "right now",
        "at the moment",
    }
)
# States one "goes", "turns" or "falls" into ("went quiet", "went numb for most of the reception",
# "fell silent"): a change of state, not an act ("went alone", "went public" stay acts).
STATE_CHANGE_ADJECTIVES = frozenset(
    {"quiet", "silent", "numb", "blank", "red", "pale", "white", "cold", "still", "mute", "rigid", "stiff",
     "limp", "dizzy", "tearful", "teary", "flat", "mad", "crazy", "hysterical", "catatonic", "vacant"}
)  # fmt: skip
# Arriving in and leaving therapy, in end-of-therapy reflections ("I came in as a wreck and I'm leaving
# as someone who can ask for help", "I came in thinking I was the problem").
ARRIVAL_VERBS = frozenset({"come", "arrive", "leave", "walk"})
# Belief verbs of such a reflection ("came in thinking ...", "leaving knowing ...").
EPISTEMIC_VERBS_ING = frozenset({"think", "know", "believe", "feel"})
# Family roles a client names themself by ("I'm leaving as a dad my kids can count on").
FAMILY_ROLES = frozenset(
    {"mum", "mom", "mother", "dad", "father", "parent", "son", "daughter", "wife", "husband", "partner"}
)
# "I'm still standing / still here / still going" and "I'm not finished / not beaten (yet)": a client
# saying they have come through (self-descriptions, not a whereabouts or a task).
SURVIVAL_STILL = frozenset({"standing", "going", "here", "alive", "breathing", "fighting"})
SURVIVAL_NOT = frozenset({"finished", "beaten", "broken", "done"})  # "I'm not done yet"
# Nouns after "in" / "at" that make "I'm in X" an identity ("I'm in recovery", "I'm not at war with my
# body anymore"), not a place or state.
IN_IDENTITY_NOUNS = frozenset({"recovery", "remission", "war", "peace"})
# Subjects of "X is ..." discourse frames around a claim ("Truth is I'm a mess inside").
DISCOURSE_FRAME_SUBJECTS = frozenset({"truth", "thing", "fact", "point", "problem", "reality", "honesty"})
# Sentence-initial third-person reporting verbs that the parser may read as a plural noun
# subject ("States can't cope" -> "States" nsubj of "cope").
FRAGMENT_FRAME_FORMS = frozenset(
    {
        "states",
        "reports",
        "says",
        "feels",
        "believes",
        "thinks",
        "admits",
        "describes",
        "explains",
        "mentions",
        "claims",
        "insists",
        "adds",
        "notes",
        "acknowledges",
        "worries",
        "fears",
        "expresses",
        "indicates",
        "verbalises",
        "verbalizes",
    }
)
# Verbs that mark the sentence as said by someone else (never the client's voice).
SPEECH_ACT_VERBS = frozenset(
    {"say", "tell", "ask", "reply", "add", "state", "explain", "answer", "respond", "repeat"}
)

# Words before a quotation that mark it as a title of a work, not speech.
WORK_TITLE_CUES = frozenset(
    {
        "song",
        "book",
        "film",
        "movie",
        "poem",
        "album",
        "show",
        "series",
        "workbook",
        "handout",
        "worksheet",
        "novel",
        "podcast",
        "lyric",
        "lyrics",
        "article",
        "play",
        "musical",
        "documentary",
        "episode",
        "app",
        "track",
        "hymn",
        "memoir",
        "magazine",
        "titled",
        "entitled",
        "called",
        "named",
        "listen",
        "read",
        "watch",
        "hum",
        "sing",
        "reading",
        "listening",
        "watching",
        "humming",
        "singing",
    }
)

# ---------------------------------------------------------------- clause frames

NEGATORS = frozenset(
    {
        "not",
        "n't",
        "never",
        "no",
        "nobody",
        "nothing",
        "nowhere",
        "neither",
        "nor",
        "none",
        "cannot",
        "without",
        "no one",
    }
)
# Negated modals the tokenizer leaves whole (typed without an apostrophe, or unusual forms).
UNSPLIT_NEGATORS = frozenset({"can't", "couldn't", "cant", "couldnt", "dont", "didnt", "wont", "wouldnt"})
# Dependencies of a subordinate clause: a negator inside one does not negate the main claim.
SUBORDINATE_DEPS = frozenset({"advcl", "pcomp", "relcl", "acl"})
NEGATOR_SUBJECTS = frozenset({"nobody", "nothing", "none", "noone"})
HEDGES = frozenset(
    {
        "maybe",
        "perhaps",
        "probably",
        "possibly",
        "guess",
        "suppose",
        "kind of",
        "sort of",
        "kinda",
        "sorta",
        "somewhat",
        "like",
        "think",
        "part of me",
        "i guess",
        "i think",
        "i suppose",
        "might",
        "seems",
        "seem",
    }
)
# First-person epistemic verbs whose complement carries the claim ("I think I'm ...").
EPISTEMIC_VERBS = frozenset(
    {
        "think",
        "guess",
        "suppose",
        "know",
        "feel",
        "believe",
        "realize",
        "realise",
        "reckon",
        "learn",
        "keep",
        "tell",
    }
)
# Adjectives that frame a claim like an epistemic verb ("I'm sure I'm a monster").
EPISTEMIC_ADJECTIVES = frozenset({"sure", "certain", "convinced", "positive", "aware"})
# Verbs of speaking used as a way of speaking, not an act, when they take no object but "it" /
# "that" / "you" and no infinitive ("I promise", "I reckon", "I swear", "I will admit I'm an old
# woman these days", "I bet"); "promise to stop", "admitted himself to hospital" stay acts.
DISCOURSE_FORMULA_VERBS = frozenset({"promise", "reckon", "swear", "admit", "bet", "guess"})
DISCOURSE_FORMULA_OBJECTS = frozenset({"it", "that", "this", "you", "ya", "ye"})
HEDGE_VERBS = frozenset({"think", "guess", "suppose", "believe", "reckon"})
# Feelings about, or knowledge of, a fact of the client's own ("I hate that I can't say no to him",
# "I love that I can drive again", "I know I should visit more"): the agency is the complement's;
# the frame only colours it.
EMOTIVE_FRAME_VERBS = frozenset(
    {"hate", "love", "like", "regret", "resent", "notice", "realise", "realize", "know"}
)
# "got dressed", "got washed": looking after oneself, not something done to the client.
GET_SELF_CARE = frozenset(
    {"dressed", "changed", "washed", "showered", "ready", "organised", "organized", "sorted"}
)
# What one keeps as a commitment ("Has kept every probation appt since Feb").
KEPT_COMMITMENTS = frozenset(
    {"appointment", "appt", "appts", "promise", "routine", "plan", "commitment", "diary", "curfew", "job"}
)
# What one can miss, so that not missing it holds to a commitment ("I've not missed a shift").
MISSED_COMMITMENTS = frozenset(
    {"shift", "day", "dose", "session", "appointment", "appt", "class", "lecture", "meeting", "group", "work",
     "school", "injection", "depot", "tablet", "pill", "med", "meds"}
)  # fmt: skip
# Substances and habits one can lean on ("relying on wine to get to sleep").
RELIED_ON_SUBSTANCES = frozenset(
    {
        "wine",
        "alcohol",
        "drink",
        "drinking",
        "beer",
        "vodka",
        "pill",
        "pills",
        "tablet",
        "tablets",
        "weed",
        "cannabis",
        "diazepam",
        "sleeping",
        "painkiller",
        "painkillers",
        "vape",
        "cigarette",
        "cigarettes",
        "gambling",
    }
)
# People outside the session one tells or asks something ("told her husband about the debt",
# "I asked my manager for the Friday off"); a possessive or a name marks others too.
THIRD_PARTY_NOUNS = frozenset(
    {
        "boss",
        "manager",
        "supervisor",
        "colleague",
        "colleagues",
        "coworker",
        "coworkers",
        "friend",
        "friends",
        "family",
        "parents",
        "teacher",
        "tutor",
        "landlord",
        "neighbour",
        "neighbor",
        "gp",
        "doctor",
        "hr",
    }
)
# Acts that, repeated ("checked the stove 6x", "asks her partner up to 30 times an evening"), are
# a compulsion or a reassurance ritual; RITUAL_VERBS also as a daily routine ("weighs herself every
# morning", "checks work email in bed most nights").
COMPULSION_VERBS = frozenset(
    {
        "check",
        "weigh",
        "wash",
        "clean",
        "count",
        "ask",
        "text",
        "ring",
        "call",
        "google",
        "pick",
        "scratch",
        "seek",
    }
)
RITUAL_VERBS = frozenset({"check", "weigh", "wash", "count", "google", "pick"})
# Symptom agents whose word alone is ambiguous in the clinician's narration ("Voice dictated note",
# "head wound", "worry postponement used daily"): only the client's own words make them agents.
AMBIGUOUS_SYMPTOM_AGENTS = frozenset(
    {
        "head",
        "voice",
        "worry",
        "worrying",
        "mind",
        "body",
        "legs",
        "brain",
        "something",
        "medication",
        "meds",
        "thoughts",
    }
)
# Symptoms named as the cause of an act ("skipped class b/c anxiety", "left work d/t low mood"),
# beside SYMPTOM_AGENTS.
SYMPTOM_CAUSE_NOUNS = frozenset({"mood", "nerves", "fatigue", "dizziness", "nausea"})
# What one gets to travel ("got the bus on my own", "got a taxi home").
TRANSPORT_NOUNS = frozenset(
    {"bus", "train", "tube", "taxi", "cab", "uber", "ferry", "tram", "plane", "flight", "lift"}
)
# A status written between an indicator line's label and what the client did ("Relationships: no
# change; still avoiding her sister's calls").
INDICATOR_STATUS_WORDS = frozenset(
    {
        "no change",
        "progress",
        "setback",
        "improved",
        "improving",
        "same",
        "stable",
        "unchanged",
        "mixed",
        "worse",
    }
)
# Where presenting is an act ("presented at the team meeting", "presented to her class"), unlike a
# clinical "presented at A&E" or "presented as flat".
PRESENTATION_AUDIENCES = frozenset(
    {
        "meeting",
        "conference",
        "class",
        "seminar",
        "assembly",
        "board",
        "panel",
        "workshop",
        "colleagues",
        "staff",
        "team",
        "group",
        "church",
        "congregation",
        "tutorial",
        "lecture",
    }
)
# What one answers that is an act outside the session ("I answer the phone now").
ANSWERABLE_CONTACTS = frozenset(
    {
        "phone",
        "door",
        "call",
        "calls",
        "email",
        "emails",
        "text",
        "texts",
        "message",
        "messages",
        "post",
        "letter",
        "letters",
    }
)
HYPOTHETICAL_MARKERS = frozenset(
    {"if", "unless", "suppose", "supposing", "imagine", "wish", "what if", "if only"}
)
# Words that open a time clause ("when I walked in", "whenever they argue", "When invited"): such a
# clause standing alone as a unit sets the scene of another clause and is no claim of its own.
TIME_CLAUSE_MARKERS = frozenset({"when", "whenever", "while", "whilst"})
CONTRAST_MARKERS = frozenset(
    {"but", "yet", "though", "although", "however", "even though", "even when", "even if"}
)
# Temporal framing
PAST_MARKERS = frozenset(
    {"used to", "before", "back then", "at first", "at intake", "previously", "once", "formerly"}
)
CONTRAST_TIME_MARKERS = frozenset(
    {
        "anymore",
        "any more",
        "no longer",
        "now",
        "nowadays",
        "these days",
        "lately",
        "becoming",
        "not the same",
        "done being",
        "rather than",
        "instead of",
        "finally",
    }
)
FUTURE_MARKERS = frozenset({"will", "'ll", "going to", "gonna", "shall", "next"})

# Discourse markers dropped from the front of a clause span.
DISCOURSE_MARKERS = frozenset(
    {
        "honestly",
        "well",
        "so",
        "and",
        "but",
        "okay",
        "ok",
        "yeah",
        "yes",
        "no",
        "look",
        "frankly",
        "anyway",
        "oh",
        "um",
        "uh",
        "like",
        "also",
        "then",
        "plus",
        "because",
        "or",
        "truthfully",
        "basically",
    }
)

# ---------------------------------------------------------------- self-descriptions

# Copular heads: "I am", "I've become", "I feel like a", "I seem".
COPULAR_LEMMAS = frozenset({"be", "become", "remain", "stay", "seem", "get"})
SELF_VIEW_FIRST_PERSON = frozenset(
    {"see", "think", "consider", "view", "call", "describe", "regard", "identify"}
)
# Illness words that name who the client is when denied or said of the mind ("I'm not mad, I'm
# frightened", "I'm not mentally ill"): classify._illness_identity (otherwise states: "sick today").
ILLNESS_IDENTITY_PREDICATES = frozenset({"ill", "sick", "mad", "crazy", "insane", "mental", "unwell"})
# The nouns of an ACT defusion frame ("I'm having the thought that I'm a rubbish father").
DEFUSED_THOUGHT_NOUNS = frozenset({"thought", "belief", "story", "feeling", "sense"})
# Words that name the defusion exercise before the phrase practised in it (a mention, not a claim).
DEFUSION_EXERCISE_WORDS = frozenset({"defusion", "defuse", "defusing", "exercise", "practised", "practiced"})
# Predicates that are passing states, not identity ("I'm tired today").
STATE_PREDICATES = frozenset(
    {
        "tired",
        "happy",
        "sad",
        "anxious",
        "nervous",
        "angry",
        "upset",
        "sick",
        "ill",
        "hungry",
        "sleepy",
        "exhausted",
        "calm",
        "calmer",
        "fine",
        "okay",
        "ok",
        "scared",
        "afraid",
        "worried",
        "stressed",
        "late",
        "early",
        "sure",
        "here",
        "there",
        "ready",
        "busy",
        "bored",
        "cold",
        "hot",
        "sorry",
        "glad",
        "excited",
        "frustrated",
        "annoyed",
        "relieved",
        "confused",
        "lonely",
        "tearful",
        "grateful",
        "thankful",
        "home",
        "back",
        "awake",
        "asleep",
        "off",
        "on",
        "out",
        "in",
        "able",
        "unable",
        "going",
        "trying",
        "terrified",
        "petrified",
        "devastated",
        "gutted",
        "furious",
        "shattered",
        "drained",
        "overwhelmed",
        # risk talk in crisis and inpatient notes: a momentary state, not who the client is ("I'm
        # not suicidal", "I'm safe there", "I'm frightened", "I'm alright")
        "frightened",
        "alright",
        "safe",
        "unsafe",
        "suicidal",
    }
)
# Modal auxiliaries that make a copular self-description conditional, not a claim.
CONDITIONAL_AUX = frozenset({"would", "'d", "might", "could", "may"})
# Predicates of discourse formulas, not self-descriptions ("I'll be honest").
DISCOURSE_PREDICATES = frozenset({"honest", "frank", "straight", "clear", "quick", "brief"})
# Feelings about something, which are self-evaluations only when aimed at the self
# ("I'm proud of myself" vs "she is proud of how far she has come").
SELF_AIMED_PREDICATES = frozenset({"proud", "ashamed", "disappointed", "disgusted", "embarrassed"})
# Time words that make a predicate a passing state ("happy today").
STATE_TIME_WORDS = frozenset(
    {"today", "tonight", "this morning", "right now", "at the moment", "this week", "yesterday"}
)
# Identity nouns that identify a diagnostic / identity label ("an alcoholic", "a bipolar").
IDENTITY_LABELS = frozenset(
    {
        "alcoholic",
        "addict",
        "junkie",
        "bipolar",
        "schizophrenic",
        "depressive",
        "anorexic",
        "bulimic",
        "psychotic",
        "borderline",
        "diabetic",
        "epileptic",
        "survivor",
        "victim",
        "failure",
        "loser",
        "anxious person",
        "depressed person",
        "mess",
        "burden",
        "fraud",
        "drunk",
        "user",
        "cutter",
        "ocd",
        "autistic",
        "hoarder",
        "gambler",
        "smoker",
        "worrier",
        "insomniac",
        "mental case",
        "nutcase",
        "psycho",
        "crazy person",
    }
)
# Diagnostic and recovery labels a client states as plain fact ("I'm an alcoholic", "I'm bipolar",
# as at a meeting): neutral self-regard when nothing in the claim evaluates them (slang such as
# "junkie" or "nutcase", or "just a ...", keeps its weight).
PLAIN_DIAGNOSTIC_LABELS = frozenset(
    {
        "alcoholic",
        "addict",
        "bipolar",
        "schizophrenic",
        "depressive",
        "anorexic",
        "bulimic",
        "diabetic",
        "epileptic",
        "autistic",
        "dyslexic",
        "voice-hearer",
    }
)
# Who the client says they are not, when the words alone carry no valence: a parent, a diagnosis,
# a record, a reduced self ("I'm not my dad", "I'm not my diagnosis", "I'm not a child").
DISTANCED_SELVES = frozenset(
    {
        "label",
        "child",
        "kid",
        "baby",
        "phase",
        "machine",
        "robot",
        "property",
        "yes-man",
    }
)
# ... and who, with a possessive ("my dad", "my diagnosis"; "I'm not a mother anymore" is a role lost).
DISTANCED_POSSESSED = frozenset(
    {
        "dad",
        "father",
        "mum",
        "mom",
        "mother",
        "parents",
        "diagnosis",
        "illness",
        "condition",
        "record",
        "past",
    }
)
# "a person with/living with ...", "someone in recovery": person-first labels.
PERSON_FIRST_HEADS = frozenset({"person", "someone", "somebody", "man", "woman", "individual", "people"})
PERSON_FIRST_PREPS = frozenset({"with", "in", "living", "who", "recovering", "experiencing", "struggling"})
CONDITION_WORDS = frozenset(
    {
        "anxiety",
        "depression",
        "bipolar",
        "disorder",
        "recovery",
        "addiction",
        "adhd",
        "autism",
        "ocd",
        "ptsd",
        "schizophrenia",
        "illness",
        "diagnosis",
        "alcoholism",
        "psychosis",
        "eating",
        "trauma",
        "struggles",
        "struggle",
        "condition",
        "panic",
    }
)

# ---------------------------------------------------------------- valence

POSITIVE_WORDS = frozenset(
    {
        "good",
        "great",
        "better",
        "best",
        "strong",
        "stronger",
        "strongest",
        "capable",
        "proud",
        "decent",
        "loyal",
        "kind",
        "kinder",
        "brave",
        "braver",
        "survivor",
        "fighter",
        "smart",
        "clever",
        "worthy",
        "enough",
        "okay",
        "fine",
        "alright",
        "confident",
        "resilient",
        "able",
        "competent",
        "lovable",
        "loveable",
        "valuable",
        "worth",
        "hopeful",
        "calm",
        "happy",
        "healthy",
        "free",
        "learning",
        "growing",
        "progress",
        "improving",
        "recovering",
        "recovery",
        "deserve",
        "allowed",
        "here",
        "life",
        "party",
        "promise",
        "promises",
        "friend",
        "caring",
        "generous",
        "funny",
        "independent",
        "successful",
        "hardworking",
        "loving",
        "patient",
        "honest",
        "tough",
        "stable",
        "lighter",
        "brighter",
        "improved",
        "reconciled",
        "enjoying",
        "enjoy",
        "well",
        "clean",
        "sober",
        "fights",
        "fight",
        "wins",
        "finding",
        "found",
        "feet",
        "starting",
        "start",
        "fresh",
        "new",
        "comeback",
        "back",
        "standing",
        "trust",
        "becoming",
        "breathe",
        "breathing",
        "hope",
        "picking",
        "pieces",
        "rising",
        "out",
        "bloom",
        "blooming",
        "healing",
        "journey",
        "light",
        "spring",
        "sunrise",
        "dawn",
        "freedom",
        "peace",
        "home",
        "getting",
        "said no",
        "me",
    }
)
NEGATIVE_WORDS = frozenset(
    {
        "bad",
        "worse",
        "worst",
        "failure",
        "fail",
        "failing",
        "failed",
        "burden",
        "fraud",
        "mess",
        "loser",
        "worthless",
        "useless",
        "lazy",
        "stupid",
        "broken",
        "weak",
        "ghost",
        "doormat",
        "victim",
        "hopeless",
        "helpless",
        "pathetic",
        "disappointment",
        "let-down",
        "letdown",
        "rubbish",
        "waste",
        "screw-up",
        "screwup",
        "flaky",
        "problem",
        "pleaser",
        "bitter",
        "evil",
        "unlovable",
        "unloveable",
        "incompetent",
        "crazy",
        "mad",
        "idiot",
        "ugly",
        "fat",
        "disgusting",
        "shelved",
        "deserve this",
        "pretending",
        "too much",
        "lost",
        "fog",
        "treading",
        "drowning",
        "limbo",
        "rock",
        "bottom",
        "hanging",
        "waiting",
        "fault",
        "nobody",
        "illness",
        "hospital",
        "alone",
        "surviving",
        "just getting through",
        "dark",
        "darkness",
        "storm",
        "stuck",
        "falling",
        "pit",
        "hole",
        "trapped",
        "cage",
        "ashes",
        "sinking",
        "empty",
        "numb",
        "grief",
        "loss",
        "divorce",
        "anxious",
        "depressed",
        "tearful",
        "flat",
        "low",
        "lower",
        "irritable",
        "snapping",
        "argued",
        "migraines",
        "missed",
        "still",
        "avoidance",
        "relies",
        "sick",
        "leave",
        "edge",
        "alcohol",
        "dumped",
        "not",
        "never",
        "no",
        "nothing",
        "same",
        "sad",
        "angry",
        "tired",
        "exhausted",
        "scared",
        "afraid",
        "ashamed",
        "guilty",
        "miserable",
        "awful",
        "terrible",
        "horrible",
        "mistake",
        "mistakes",
        "wrong",
        "messed",
        "ruins",
        "ruin",
        "quitter",
        "junkie",
        "addict",
        "bipolar",
        "alcoholic",
        "sensitive",
        "cold",
        "lonely",
        "isolating",
        "isolated",
        "withdrawn",
        "struggling",
        "struggle",
    }
)
# Positive words that neutralise a negative label ("recovering addict", "in recovery").
RECOVERY_WORDS = frozenset({"recovering", "recovery", "clean", "sober", "learning", "progress", "okay", "ok"})
INTENSIFIER_NEGATIVE = frozenset({"too"})

# ---------------------------------------------------------------- agency

VOLITIONAL_VERBS = frozenset(
    {
        "choose",
        "decide",
        "start",
        "begin",
        "set",
        "book",
        "join",
        "complete",
        "finish",
        "apply",
        "quit",
        "stop",
        "leave",
        "call",
        "ring",
        "phone",
        "text",
        "email",
        "message",
        "tell",
        "ask",
        "sign",
        "accept",
        "agree",
        "plan",
        "arrange",
        "organise",
        "organize",
        "schedule",
        "try",
        "attempt",
        "refuse",
        "confront",
        "stand",
        "speak",
        "say",
        "go",
        "walk",
        "run",
        "drive",
        "visit",
        "cook",
        "clean",
        "write",
        "read",
        "make",
        "take",
        "give",
        "do",
        "handle",
        "fight",
        "resist",
        "block",
        "delete",
        "reach",
        "invite",
        "meet",
        "return",
        "volunteer",
        "exercise",
        "practise",
        "practice",
        "attend",
        "buy",
        "pay",
        "bring",
        "send",
        "hand",
        "submit",
        "move",
        "reconcile",
        "let",
        "help",
        "look",
        "search",
        "register",
        "enrol",
        "enroll",
    }
)
COPING_VERBS = frozenset(
    {
        "cope",
        "use",
        "practise",
        "practice",
        "apply",
        "meditate",
        "journal",
        "breathe",
        "ground",
        "reach",
        "write",
        "walk",
    }
)
COPING_OBJECTS = frozenset(
    {
        "exercise",
        "breathing",
        "skill",
        "skills",
        "technique",
        "strategy",
        "strategies",
        "grounding",
        "journal",
        "journaling",
        "meditation",
        "mindfulness",
        "urge-surfing",
        "coping",
        "tool",
        "tools",
        "plan",
        "worksheet",
        "thought",
        "record",
        "app",
        "routine",
        "tutor",
        "support",
        "sponsor",
        "helpline",
        "dog",
        "walk",
        "walking",
    }
)
COPING_PURPOSE = frozenset({"get", "calm", "distract", "cope", "manage", "feel", "ground", "relax", "settle"})
ABILITY_AUX = frozenset({"can", "could", "ca"})
ABILITY_VERBS = frozenset({"manage", "learn", "able", "succeed", "handle", "achieve", "overcome", "cope"})
INABILITY_WORDS = frozenset({"unable", "incapable", "powerless", "helpless"})
OBLIGATION_AUX = frozenset({"must", "should", "ought", "need", "gotta"})
OBLIGATION_PHRASES = frozenset(
    {"have to", "has to", "had to", "having to", "got to", "supposed to", "no choice", "forced to"}
)
DESIRE_VERBS = frozenset(
    {"want", "wish", "hope", "plan", "intend", "aim", "like", "love", "prefer", "mean", "try"}
)
# Causative / controlling verbs: "<X> made me", "won't let me", "forced him".
CONTROL_VERBS = frozenset(
    {
        "make",
        "let",
        "force",
        "stop",
        "prevent",
        "control",
        "keep",
        "push",
        "drag",
        "decide",
        "tell",
        "win",
        "take",
        "happen",
        "ruin",
        "run",
        "rule",
        "hold",
        "drive",
        "pressure",
        "trap",
        "matter",
        "overwhelm",
        "paralyse",
        "paralyze",
    }
)
# Verbs by which another agent controls the client when the client is their object ("won't let
# me", "my husband makes me"), then another person acting on the client: excluded, removed, cut off,
# detained, refused permission ("cut me off", "they sectioned me", "does not allow me to").
PERSON_CONTROL_VERBS = frozenset(
    {
        "make",
        "let",
        "force",
        "stop",
        "prevent",
        "control",
        "keep",
        "push",
        "drag",
        "decide",
        "trap",
        "rule",
        "run",
        "pressure",
        "ruin",
        "overwhelm",
        "cut",
        "kick",
        "throw",
        "dump",
        "ban",
        "exclude",
        "section",
        "bully",
        "reject",
        "abandon",
        "allow",
        "permit",
    }
)
# Agents that are symptoms, substances, other people or "it".
EXTERNAL_AGENTS = frozenset(
    {
        "anxiety",
        "depression",
        "panic",
        "fear",
        "ocd",
        "voices",
        "voice",
        "illness",
        "medication",
        "meds",
        "pills",
        "alcohol",
        "drink",
        "drinking",
        "drugs",
        "cravings",
        "craving",
        "urges",
        "pain",
        "brain",
        "mind",
        "head",
        "body",
        "trauma",
        "ptsd",
        "adhd",
        "husband",
        "wife",
        "partner",
        "boyfriend",
        "girlfriend",
        "mother",
        "mum",
        "mom",
        "father",
        "dad",
        "parents",
        "boss",
        "work",
        "job",
        "school",
        "kids",
        "children",
        "family",
        "everyone",
        "everybody",
        "people",
        "they",
        "it",
        "something",
        "things",
        "life",
        "nobody",
        "no one",
        "noone",
        "nothing",
        "stress",
        "grief",
        "attacks",
        "thoughts",
        "disorder",
        "addiction",
        "he",
        "she",
        "god",
        "court",
        "system",
        "doctors",
        "doctor",
        "hospital",
        "council",
    }
)
# In-session behaviour the clinician narrates ("Client spoke at length", "Pt rang to cancel",
# "Client objects to the label"): not agency in the clinician's voice (reported or quoted
# clauses with these verbs are still read normally).
IN_SESSION_VERBS = frozenset(
    {
        # the client's talk in the session taking a turn ("Later he corrected himself: ...", "He
        # dismissed this at first", "She summed it up: ...", "client shrugged", "she nodded")
        "correct",
        "dismiss",
        "sum",
        "summarise",
        "summarize",
        "clarify",
        "shrug",
        "nod",
        "pause",  # "When I asked how she saw herself now, she paused."
        "elaborate",  # "He was guarded and did not elaborate."
        "speak",
        "talk",
        "come",
        "disagree",
        "object",
        "offer",
        "quote",
        "minimise",
        "minimize",
        "bring",
        "read",
        "prefer",
        "ring",
        "phone",
        "call",  # "Client called to ask whether she could move her appt" (not "called her sponsor")
        "cancel",
        "reschedule",
        "leave",
        "join",
        "engage",
        "participate",
        "contribute",
        "volunteer",
        "decline",
        "refuse",
        "interrupt",
        "go",
        "pass",
        "rate",
        "text",
        "email",
        "e-mail",
        "book",  # "Booked in for session 4 Tues" (but "Booked driving test" is an act)
        # the session's drawing and mapping exercises: "client drew a timeline", "Conor drew his
        # "brave self"", "Client mapped parts on paper" (not "painted the nursery": a life's act)
        "draw",
        "sketch",
        "doodle",
        "map",
    }
)
# The life-story exercise done in the session ("Re-did the life chapter exercise", "Did the
# life-as-a-book exercise", "completed the life-line worksheet in session"): an exercise noun with a
# life-story word in the clause; done at home or as homework it is the client's act ("Cl. did the
# life-chapters exercise at home").
EXERCISE_NOUNS = frozenset({"exercise", "worksheet", "timeline", "activity", "task", "story"})
LIFE_STORY_WORDS = frozenset({"chapter", "chapters", "life", "life-story", "lifeline", "book"})
HOMEWORK_WORDS = frozenset({"home", "homework", "hw", "daily", "nightly", "week"})
# What a client declines or refuses as a choice about care and contact ("Refused AM meds", "declines
# visits from his father"); refusing food is read elsewhere (not an offer of care).
# Whom or what one "sits with" by choice: people (company sought) and feelings allowed (ACT's
# "sat with the urge"); not "sat with her eyes closed".
SAT_WITH_NOUNS = frozenset(
    {"kid", "child", "friend", "mate", "stranger", "someone", "people", "group", "class", "classmate",
     "colleague", "family", "mum", "mom", "dad", "brother", "sister", "partner", "neighbour", "neighbor",
     "feeling", "urge", "discomfort", "anxiety", "fear", "emotion", "panic", "sadness", "grief", "pain",
     "craving", "uncertainty"}
)  # fmt: skip
# Whom one "has over" or "has round" (company hosted), beside the relatives of OTHER_LABELS.
HOSTED_PEOPLE = frozenset(
    {"grandchild", "grandchildren", "grandkid", "grandkids", "kid", "kids", "child", "children", "friend",
     "mate", "family", "neighbour", "neighbor", "people", "guest", "cousin", "niece", "nephew", "colleague"}
)  # fmt: skip
# What a client declines or refuses within the session's own talk ("declined the role-play");
# anything else declined or refused is a choice about care ("Refused the evening olanzapine").
SESSION_TALK_OBJECTS = frozenset(
    {"question", "answer", "topic", "exercise", "roleplay", "role-play", "questionnaire", "measure",
     "rating", "discussion", "chair", "chairwork", "task", "worksheet", "play", "game"}
)  # fmt: skip
# What one "gets" by one's own effort ("I got a job at the servo", "got a place on the course").
EARNED_OBJECTS = frozenset(
    {"job", "place", "promotion", "apprenticeship", "traineeship", "internship", "scholarship",
     "licence", "license", "qualification", "certificate", "diploma", "degree", "interview"}
)  # fmt: skip
# Where "get" goes when the client moves themselves ("I got to the door", "got out of the car").
GOT_TO_PREPOSITIONS = frozenset({"to", "into", "in", "out", "onto", "through", "as"})
# What "got to" / "got into" reaches that is a state or a fix, not a place ("got to the point",
# "got into a fight", "got into debt").
GOT_INTO_STATES = frozenset(
    {"point", "stage", "trouble", "fight", "argument", "row", "debt", "habit", "state", "mess",
     "it", "that", "this", "me", "him", "her", "them", "end", "sleep", "bottom"}
)  # fmt: skip
# What a call, text or e-mail reaches when it is contact with the service ("Pt rang duty line",
# "texted duty phone 14:05"), not the client reaching out to someone ("rang Samaritans").
SERVICE_CONTACT_WORDS = frozenset(
    {
        "duty",
        "line",
        "service",
        "clinic",
        "team",
        "office",
        "reception",
        "cmht",
        "crisis",
        "helpdesk",
        "writer",
        "inbox",
    }
)
# Past and third-person forms of reaching someone by phone or message, read whatever the tagger
# makes of them ("Rang the crisis line before self-harming", "Called her sponsor first thing Sat",
# "texts his sponsor instead of isolating"); base forms are a plan's ("Ring GP tomorrow").
CONTACT_FORMS = frozenset(
    {"rang", "rings", "called", "calls", "phoned", "phones", "texted", "texts", "emailed", "emails",
     "e-mailed", "messaged", "messages", "rung"}
)  # fmt: skip
# People one reaches that the person-noun lists leave out ("Rang the kids every night").
CONTACTED_PEOPLE = frozenset(
    {"kids", "children", "mate", "mates", "sponsor", "gran", "nan", "grandma", "auntie"}
)
# What an alternative chosen over a problem act opens with ("rang Lifeline instead of self-harming",
# "called before acting on urges"): the act is a coping step.
ALTERNATIVE_MARKERS = frozenset({"instead", "rather", "before"})
# Acts of the clinician or the service written as subjectless fragments: the client is not their
# agent ("Advised re: welfare rights", "Signposted to occupational health", "Rebooked for Fri").
# Keeping the record: with a participle in the clinician's voice, the record's own history ("Client
# e-mail, pasted 3/14", "Letter from client, scanned to file"), whatever the parser takes as subject.
RECORD_KEEPING_VERBS = frozenset({"paste", "forward", "scan", "upload", "transcribe", "dictate", "receive"})
# Sending a text on to the clinician or the file ("Client forwarded an e-mail thread", "sent this by
# SMS", "printed out a post she made"): the record's history, with a message or one of these as object.
SENDING_VERBS = frozenset({"send", "forward", "print", "email", "e-mail", "text", "message"})
SENT_TEXT_WORDS = frozenset(
    {"this", "following", "thread", "copy", "screenshot", "photo", "page", "entry", "excerpt"}
)
MESSAGE_WORDS = frozenset(
    {"e-mail", "email", "mail", "letter", "message", "messages", "text", "texts", "sms", "whatsapp", "note",
     "diary", "journal", "courriel", "post", "card", "poem", "worksheet"}
)  # fmt: skip
CLINICIAN_FRAGMENT_VERBS = frozenset(
    {
        "advise",
        "signpost",
        "rebook",
        "discharge",
        "refer",
        "remind",
        "encourage",
        "validate",
        "praise",
        "reassure",
        "prescribe",
        # keeping the record: "pasted w/ consent", "forwarded by admin", "Dictated but not read"
        "paste",
        "copy",
        "forward",
        "dictate",
        "transcribe",
        "type",  # "Typed excerpt", "Typed after session w/ consent"
        "scan",
        "upload",
        "receive",
        # session logistics: "Confirmed she is safe and has her sister staying", "confirms appt Fri"
        "confirm",
        # a research record: "Analysed speaker: Theo (P2)", "analysed in a study of identity language"
        "analyse",
        "analyze",
        # session activities: "Revisited the “book of my life” exercise", "Recapped last session"
        "revisit",
        "recap",
        # what the service gave: "Provided list of legal aid resources", "Provided psychoeducation"
        "provide",
        # teaching and guiding in the session: "Coached through STOP and paced breathing", "Taught
        # radical acceptance", "Installed PC", "Modelled a calm refusal", "guided imagery"
        "coach",
        "teach",
        "install",
        "guide",
        "model",
        "introduce",
        "psychoeducate",
        "demonstrate",
    }
)
# Verbs that open or close the session with an exercise ("Closed with container exercise", "closed
# w/ light stream", "Opened with the Serenity Prayer"): read with "with" and no object.
SESSION_FRAME_VERBS = frozenset({"open", "close", "end", "start", "begin", "finish"})
# Words that place a clause in the session itself ("came in today", "left the session early").
SESSION_CONTEXT_WORDS = frozenset(
    {"session", "today", "early", "late", "poem", "diary", "journal", "letter", "group", "room", "line",
     "phone", "homework", "worksheet", "record"}
)  # fmt: skip
# Symptoms, substances and compulsions that can be the agent of a clause about the client
# ("the drink always wins", "the checking owns me"); matched against the subject's words.
SYMPTOM_AGENTS = frozenset(
    {
        "anxiety",
        "depression",
        "panic",
        "voices",
        "voice",  # "the Voice tells me I'm rubbish" (hallucination, or the externalised problem)
        "ocd",
        "illness",
        "something",
        "fear",
        "addiction",
        "attacks",
        "cravings",
        "urges",
        "urge",
        "thoughts",
        "disorder",
        "ptsd",
        "medication",
        "meds",
        "drink",
        "drinking",
        "alcohol",
        "booze",
        "grog",  # "The grog's been running the show for twenty years"
        "beers",  # "the beers got me at the footy club"
        "gear",
        "pokies",
        "drugs",
        "gambling",
        "checking",
        "bulimia",
        "anorexia",
        "ed",
        "mania",
        "grief",
        "trauma",
        "flashbacks",
        "nightmares",
        "pain",
        "worry",
        "worrying",
        "compulsions",
        "rituals",
        "body",
        "mind",
        "brain",
        "legs",
        "head",
        "temper",
        "anger",
        "rage",
        "shame",
        "guilt",
        "bipolar",
        "schizophrenia",
        "psychosis",
        "paranoia",
        # the illness named as a whole ("My disease tells me I'm worthless", "the sickness is what is
        # holding me down"), substances by name ("Tik took everything from me", "the heroin got its
        # hooks back in", "the dope made every decision for me") and the inner critic
        "disease",
        "sickness",
        "heroin",
        "cannabis",
        "weed",
        "dope",
        "meth",
        "tik",
        "critic",
    }
)
# Idioms of being dominated, whatever the agent ("the critic runs the show", "the stove still owns
# me", "the voices get the better of me", "Emotion mind took over", "the craving won", "that story
# had me for twenty years"): verb lemma -> the words one of which must be its object or particle
# ("self": an object that is the client; "": the verb used without an object). Read as external
# control when the subject is not the client; "win", "take over" and "have" only when it is not a
# person either ("my team won", "she took over", "my mum had me at 16").
DOMINATION_IDIOMS = {
    "run": frozenset({"show", "life", "lives"}),
    "own": frozenset({"self"}),
    "get": frozenset({"better"}),
    "call": frozenset({"shots"}),
    "boss": frozenset({"self"}),
    "take": frozenset({"over"}),
    "win": frozenset({""}),
    "have": frozenset({"self"}),
}
DOMINATION_BY_THINGS = frozenset({"take", "win", "have"})
# Subjects that are people, beside names and the person-noun lists ("she won", "they took over").
PERSON_PRONOUNS = frozenset(
    {"he", "she", "they", "someone", "somebody", "everyone", "everybody", "people", "nobody", "noone"}
)
# Groups of people ("my team won", "the family took over").
PERSON_GROUP_NOUNS = frozenset(
    {"team", "side", "club", "squad", "crew", "band", "group", "class", "family", "couple", "council"}
)
# Passives of permission: negated, others withhold what the client may do ("I wasn't allowed to
# have my own bank card", "she was never allowed to be a child"): external agency, not a view of
# oneself ("I'm allowed to be weak sometimes" is a view of oneself).
PERMISSION_PASSIVES = frozenset({"allow", "permit"})
# What a client gets back when they recover who they were ("I'm getting my old self back", "she is
# getting her spark back"): a self-description, not an act.
RECOVERED_SELF_NOUNS = frozenset({"self", "spark", "mojo", "sparkle", "personality"})
# Verbs whose negation by a symptom is still control ("my anxiety won't let me", "my body
# won't cooperate").
PERMISSION_VERBS = frozenset({"let", "allow", "cooperate", "co-operate", "work", "listen", "obey", "move"})
# Verbs of using a substance (with a numbing purpose, the substance does the coping).
SUBSTANCE_USE_VERBS = frozenset(
    {"drink", "smoke", "vape", "toke"}
)  # ("used breathing to calm down" is a skill)
# What is drunk that is no substance ("drinks water to stay hydrated" is looking after oneself).
SOFT_DRINKS = frozenset({"water", "tea", "coffee", "juice", "milk", "smoothie", "squash", "soup", "shake"})
# Headings a note puts before its text ("Intake: Client identifies as ...", "Risk: denies SI"): a
# sentence starts after them (segmentation only; they carry no voice of their own).
NOTE_HEADING_LABELS = frozenset(
    {"intake", "presenting", "presenting problem", "history", "background", "review", "referral", "discharge",
     "risk", "summary", "update", "contact", "phone call", "group", "session", "note", "reason for referral"}
)  # fmt: skip
# A symptom that "won't" stop, quieten or leave is still in control ("My brain won't shut up when I lie
# down", "the thoughts won't stop", "it won't leave me alone"): the negation keeps it going.
CESSATION_VERBS = frozenset(
    {"stop", "shut", "quit", "leave", "ease", "calm", "settle", "quieten", "quiet", "switch", "turn", "die",
     "fade", "lift", "budge", "end"}
)  # fmt: skip
# Words that make "X is in charge / has control" a control clause.
CONTROL_NOUNS = frozenset(
    {"charge", "control", "boss", "remote", "upper", "grip", "hold", "wheel", "reins", "shots", "say"}
)
# Otherwise non-agentive verbs that are control when a symptom does them ("the OCD tells me",
# "my body just said no", "the fear gets there first", "it keeps me in").
SYMPTOM_CONTROL_VERBS = frozenset({"get", "keep", "tell", "say"})
# Verbs for a symptom changing in intensity, not controlling the client.
SYMPTOM_CHANGE_VERBS = frozenset(
    {
        "improve",
        "ease",
        "lift",
        "settle",
        "reduce",
        "decrease",
        "drop",
        "subside",
        "worsen",
        "increase",
        "start",
        "begin",
        "return",
        "come",
        "go",
        "pass",
        "fade",
        "peak",
        "build",
        "rise",
        "spike",
        "continue",
        "persist",
        "remain",
        "last",
    }
)
# Passive life events with the client as patient, annotated in any voice ("She was made
# redundant", "I was sectioned", "was excluded from college").
LIFE_EVENT_PASSIVES = frozenset(
    {
        "place",
        "placed",
        "made",
        "lay",
        "laid",
        "sack",
        "fire",
        "section",
        "dump",
        "exclude",
        "expel",
        "evict",
        "arrest",
        "assault",
        "attack",
        "bully",
        "abuse",
        "dismiss",
        "suspend",
        "kick",
        "throw",
        "push",
        "drag",
        "force",
        "pressure",
        "pressurise",
        "pressurize",
        "sign",
        "admit",
        "detain",
        "restrain",
        "reject",
        "abandon",
        "betray",
        "cheat",
        "hit",
        "beat",
        "rape",
        "groom",
        "trap",
        "manipulate",
        "bar",
        "ban",
        "block",
        "ghost",
        "escort",
        "sell",
        "lock",
        "traffic",
        "deport",
        "jail",
        "imprison",
        "sentence",
        "convict",
        "remand",
    }
)
# Phrasal verbs of surrender or compliance: non-agentic ("I gave up", "went along with it").
SURRENDER_PHRASAL_VERBS = frozenset({"give up", "give in", "go along", "cave in", "back down", "roll over"})
# Phrasal verbs of persisting on purpose: agentic coping ("I keep going", "I got back up"); not the
# stock "hanging in there", a report of how one is, no strategy.
RESILIENCE_PHRASAL_VERBS = frozenset(
    {
        "get back",
        "get through",
        "keep going",
        "keep on",
        "carry on",
        "push through",
        "pull through",
        "bounce back",
        "battle on",
        "soldier on",
    }
)
# Objects of "lose" that mean losing self-control ("lost it", "lost my temper").
LOSS_OF_CONTROL_OBJECTS = frozenset({"it", "temper", "control", "rag", "head", "plot", "cool"})
# Words that make "stay" avoidance rather than persistence ("stayed in bed", "stayed home").
AVOIDANT_STAY_WORDS = frozenset({"home", "bed", "in", "inside", "indoors", "away", "room", "house", "flat"})
# Objects of "attend" that are the session itself, not an activity the client chose.
SESSION_WORDS = frozenset({"session", "appointment", "appt", "therapy", "clinic", "review"})
# What a client "returns to" as a step taken ("has returned to part-time work"); "return" is
# otherwise not agency ("returned from holiday", "returned to the topic").
RETURN_TO_ACTIVITIES = frozenset(
    {
        "work",
        "job",
        "college",
        "school",
        "uni",
        "university",
        "study",
        "studies",
        "class",
        "classes",
        "course",
        "gym",
        "exercise",
        "running",
        "training",
        "volunteering",
        "driving",
        "education",
        "employment",
        "lectures",
        "lessons",
        "placement",
        "shifts",
        "hours",
        "duties",
        "duty",
        "office",
        "choir",
        "church",
        "football",
        "swimming",
        "swim",
        "club",
        "team",
        "hobby",
        "hobbies",
    }
)
# What one sits that is a test, not a seat ("sat both exams", "sat his theory test").
SAT_TESTS = frozenset(
    {"exam", "exams", "test", "tests", "paper", "papers", "assessment", "finals", "mock", "mocks"}
)
# Verbs of perception and imagery: with "can" / "could" they report what the client perceives
# ("I can feel the next one coming", "she could hear the Healthy Adult a bit louder", "I can picture
# it"), not an ability; a reflexive object is one ("I can hear myself over them now").
PERCEPTION_VERBS = frozenset(
    {
        "see",
        "hear",
        "feel",
        "sense",
        "smell",
        "taste",
        "notice",
        "picture",
        "imagine",
        "visualise",
        "visualize",
    }
)
# "can't think of / pick / come up with" + what a prompt asks for: an answer not found in the session
# ("I can't think of one", "she still can't pick one", "couldn't think of anything yet"), not an
# inability in the client's life.
ANSWER_SEARCH_VERBS = frozenset({"think", "pick", "choose", "come"})
ANSWER_WORDS = frozenset({"one", "anything", "something", "name", "title", "word", "answer", "any"})
# Verbs that are not agency: perception, feeling, cognition, routine, in-session behaviour.
# Words of a diagnosis the parser may read as a past-tense verb ("generalised anxiety disorder").
DIAGNOSIS_MODIFIERS = frozenset({"generalised", "generalized", "unspecified", "recurrent", "mixed"})
NON_AGENTIVE_VERBS = frozenset(
    {
        "dread",  # "I dread every shift": a feeling about something, not an act
        # bodily and emotional displays a process note records ("He wept briefly", "He bristled:
        # ...", "flinched when I mentioned her father"): reactions, not acts
        "weep",
        "sob",
        "bristle",
        "blush",
        "flinch",
        "wince",
        "giggle",
        "stammer",
        "stutter",
        "fidget",
        "associate",  # "He associated to boarding school": free association in the session
        "fatigue",  # "Pt fatigued after 40 min, required seated rest": the body giving out
        "tire",
        "faint",
        "collapse",
        "die",  # "I asked a colleague to lunch and I didn't die": not an act
        "loathe",
        "drift",
        "shake",  # "I was shaking the whole time": the body, not an act
        "tremble",
        "sweat",
        "rate",  # ratings given in the session ("rated her belief at 90 percent", "urges rated 3/5")
        "receive",
        "be",
        "feel",
        "seem",
        "appear",
        "look",
        "sound",
        "see",
        "hear",
        "notice",
        "think",
        "know",
        "believe",
        "guess",
        "suppose",
        "wonder",
        "remember",
        "forget",
        "understand",
        "realise",
        "realize",
        "sleep",
        "wake",
        "dream",
        "live",
        "work",
        "have",
        "get",
        "become",
        "deserve",
        "need",
        "happen",
        "arrive",
        "attend",
        "talk",
        "discuss",
        "engage",
        "smile",
        "laugh",
        "cry",
        "nod",
        "hum",
        "sigh",
        "shrug",
        "apologise",
        "apologize",
        "explain",
        "describe",
        "mention",
        "report",
        "state",
        "present",
        "sit",
        "spend",
        "focus",
        "listen",
        "watch",
        "wait",
        "agree",
        "continue",
        "keep",
        "pick",
        "struggle",
        "suffer",
        "worry",
        "fear",
        "hate",
        "love",
        "like",
        "enjoy",
        "miss",
        "care",
        "doubt",
        "hope",
        "wish",
        "mean",
        "matter",
        "relate",
        "reflect",
        "identify",
        "express",
        "share",
        "deny",
        "endorse",
        "indicate",
        "note",
        "add",
        "repeat",
        "answer",
        "reply",
        "respond",
        "return",
        "wear",  # "She wore a grey hoodie to the session": the clinician's observation (the client's own "I wore shorts to PE" is read before)
        "hang",
        "freeze",
        "panic",
        "fall",
        "lose",
        "fail",
        "remain",
        "link",
        "connect",
        "attribute",
        "recognise",
        "recognize",
        "acknowledge",
        "ask",
        "refer",
        "say",
        "tell",
        "observe",
        "title",
        "name",
        "blame",
        # session activities the clinician leads ("Reviewed triggers list.", "Explored ...")
        "review",
        "explore",
        "process",
        "introduce",
        "validate",
        "assess",
        "psychoeducate",
        "summarise",
        "summarize",
        "model",
    }
)
# Verb forms the small English model lemmatises wrongly ("rated" -> "rat").
# (and "im" typed for "I'm": the parser splits it into "i" + "m")
LEMMA_FIXES = {
    "rated": "rate",
    "rates": "rate",
    "hates": "hate",
    "hated": "hate",
    "hating": "hate",
    "m": "be",
    "texted": "text",
    "texting": "text",
    "rebooked": "rebook",
    "installed": "install",  # (the tagger's "instal")
    # typed in a hurry: "Cl beleives she is ..." is a belief, not an act
    "beleives": "believe",
    "beleive": "believe",
    "beleived": "believe",
    "belives": "believe",
    "belive": "believe",
}
# Acts a client keeps at despite a symptom ("the urge was screaming but I kept driving"); not "kept
# checking", "kept crying" or "kept thinking about it".
PERSIST_VERBS = frozenset(
    {
        "drive",
        "walk",
        "run",
        "swim",
        "work",
        "train",
        "push",
        "fight",
        "move",
        "study",
        "practise",
        "practice",
        "write",
        "paddle",
        "cycle",
        "ride",
        "talk",
        "breathe",
        "show",
        "turn",
        "attend",
        "apply",
    }
)
# Ages as a copula's predicate ("when he was younger"; cardinal numbers other than "one" ("the one
# who ...") are caught by their tag, and ordinals ("the first in my family") are not ages).
AGE_PREDICATES = frozenset({"younger", "older"})
# Day labels that open the lines of a client's diary ("Fri: rang my sister instead of drinking",
# "Thu 0: took meds"): a label, not the subject of the entry's verb.
DIARY_DAY_LABELS = frozenset(
    {"mon", "monday", "tue", "tues", "tuesday", "wed", "weds", "wednesday", "thu", "thur", "thurs", "thursday",
     "fri", "friday", "sat", "saturday", "sun", "sunday", "today", "yesterday", "tonight", "morning",
     "afternoon", "evening", "night", "day", "week", "wk"}
)  # fmt: skip
# Irregular past forms a note opens a fragment with ("Took his son to school daily"), which the tagger
# may read as a base-form imperative.
IRREGULAR_PASTS = frozenset(
    {
        "took",
        "went",
        "got",
        "made",
        "came",
        "gave",
        "told",
        "sat",
        "ran",
        "rang",
        "drove",
        "left",
        "kept",
        "met",
        "bought",
        "brought",
        "found",
        "began",
        "wrote",
        "spoke",
        "stood",
        "swam",
        "ate",
        "rode",
        "flew",
        "sent",
        "spent",
        "taught",
        "caught",
        "chose",
        "won",
    }
)
# Irregular past forms of the act verbs below and their bases ("Ate lunch in the cafeteria",
# "Took meds as prescribed"), for note fragments whose leading verb the tagger misread.
IRREGULAR_PAST_BASES = {
    "took": "take", "went": "go", "made": "make", "gave": "give", "told": "tell", "ran": "run",
    "rang": "ring", "drove": "drive", "left": "leave", "met": "meet", "bought": "buy", "brought": "bring",
    "began": "begin", "wrote": "write", "spoke": "speak", "ate": "eat", "rode": "ride", "sent": "send",
    "chose": "choose", "did": "do",
}  # fmt: skip
# Avoidance and safety behaviours ("Avoids large lecture hall", "seeks reassurance many times
# daily", "I'm just hiding it better"): the symptom keeps the client's actions in its service, so
# the clause is non-agentic (kind ``external``); negated ("didn't hide once") it is agentic.
# "seek" counts only with one of SAFETY_BEHAVIOUR_OBJECTS.
SAFETY_BEHAVIOUR_VERBS = frozenset(
    {"avoid", "hide", "isolate", "ruminate", "procrastinate", "seek", "bolt", "flee", "bail", "skip"}
)
# Act verbs a subjectless note fragment opens with in the past tense before ";", ":" or a dash, read
# as the client's act even when the tagger made the verb an adjective or a noun ("Refused evening
# olanzapine; accepted PRN", "Booked driving test", "Used box breathing on Thurs"): the volitional,
# coping and avoidance verbs, and the acts of care records (declining or eating what is offered).
LEAD_FRAGMENT_ACT_VERBS = frozenset(
    {"decline", "eat", "ride"} | VOLITIONAL_VERBS | {"use", "meditate", "journal"} | SAFETY_BEHAVIOUR_VERBS
)
# A note fragment's contact verbs whose object is the client or the call itself ("Met Liam at the
# café, 45 min", "Returned call Mon", "Saw Ms K. at home"): the clinician's contact, not the client's act.
CLINICIAN_CONTACT_VERBS = frozenset({"meet", "see", "visit", "return", "call", "phone", "ring"})
CLINICIAN_CONTACT_OBJECTS = frozenset({"call", "calls", "message", "voicemail", "client", "pt", "patient"})
# Inner experiences a client can make room for ("let the thought ride in the back seat", "let the
# urge pass"): letting them be is acceptance, not ceding control.
INNER_EXPERIENCES = frozenset(
    {"thought", "thoughts", "feeling", "feelings", "urge", "urges", "craving", "cravings", "wave", "emotion",
     "emotions", "sadness", "grief", "tears", "memory", "memories", "worry", "worries"}
)  # fmt: skip
# What "it" / "them" (a symptom) is let do in an acceptance move ("I let it talk", "let them pass").
LET_BE_VERBS = frozenset({"talk", "pass", "ride", "be", "sit", "rise", "peak", "chatter", "speak", "shout"})
# Activities whose stopping is a withdrawal, not a change chosen ("stopped going to college",
# "has stopped attending lab sessions", "Stopped driving"); "stopped drinking" is the opposite.
WITHDRAWN_ACTIVITIES = frozenset({"go", "attend", "drive", "visit", "socialise", "socialize", "leave", "see"})
# Verbs that are an escape with the particle "out" ("walked out", "ran out of the shop").
ESCAPE_OUT_VERBS = frozenset({"walk", "run", "storm", "rush"})
# Places a client escapes to ("ran to the car", "rushed to the loo").
ESCAPE_REFUGES = frozenset({"car", "loo", "toilet", "toilets", "bathroom", "exit"})
# Problem behaviours whose negation is the client holding back ("I don't lie to my family any
# more", "did not drink at the wedding").
PROBLEM_BEHAVIOUR_VERBS = frozenset(
    {"drink", "smoke", "binge", "purge", "lie", "gamble", "self-harm", "cut", "apologise", "apologize"}
)
SAFETY_BEHAVIOUR_OBJECTS = frozenset({"reassurance", "reassuring", "approval"})
# Symptom nouns the tagger reads as verbs in a subjectless note fragment ("migraines back x3").
SYMPTOM_NOUNS_READ_AS_VERBS = frozenset(
    {"urges", "urge", "cravings", "nightmares", "flashbacks", "migraines", "headaches", "seizures", "pains",
     "symptoms", "attacks", "palpitations", "nosebleeds"}
)  # fmt: skip
# The clinician's prompts in a subjectless note fragment with the client as object ("Asked him to
# name the chapters", "Invited her to write a letter").
CLINICIAN_PROMPT_VERBS = frozenset(
    {"ask", "invite", "encourage", "prompt", "remind", "coach", "guide", "challenge", "support", "help"}
)
# What staff hand the client in a subjectless care-record fragment, the client as indirect object
# ("Gave him naloxone kit #3", "Offered her PRN", "Handed him the leaflet").
CLINICIAN_GIVING_VERBS = frozenset(
    {"give", "hand", "offer", "show", "provide", "issue", "prescribe", "dispense"}
)
# Units a weight change is counted in ("Gained 30 lb on quetiapine").
WEIGHT_UNITS = frozenset({"lb", "lbs", "kg", "kgs", "kilos", "pounds", "stone", "st"})
# Predicates that count abstinence ("sober 41 days", "19 days dry", "nine days clean").
ABSTINENT_PREDICATES = frozenset({"sober", "clean", "dry", "abstinent"})
# Words that introduce a quotation as a cited line, not the client's claim ("Quoted a line from a
# poem: "I am the weather, not the sky"", "the line “I am worthy of kindness”").
CITED_LINE_NOUNS = frozenset({"line", "lines", "verse", "lyric", "lyrics", "passage", "excerpt"})
# Where a client "has been to" as an act of their own ("has been to four SMART meetings").
BEEN_TO_PLACES = frozenset(
    {"meeting", "group", "class", "gym", "church", "mosque", "temple", "club", "practice", "training",
     "party", "match", "game", "concert", "lecture", "pool", "park", "cinema", "library", "market"}
)  # fmt: skip
# What a client "has not had" when holding back ("has not had a drink in 63 days").
PROBLEM_BEHAVIOUR_OBJECTS = frozenset({"drink", "cigarette", "smoke", "bet", "binge", "joint", "drop"})
# Verbs whose negation is agentic ("I'm not going to stop", "won't give up").
NEGATIVE_ACTION_VERBS = frozenset({"stop", "quit", "give", "back", "surrender", "cave", "drop"})
# Verbs of a standing attitude to oneself, with a reflexive object ("I don't trust myself around
# food", "I used to hate myself", "learning to like myself"): a self-evaluation. Not "blame" (guilt
# over one event: "I blame myself") nor "tell", "talk" (self-talk, coping).
SELF_REGARD_VERBS = frozenset(
    {"hate", "loathe", "despise", "love", "like", "trust", "respect", "forgive", "accept"}
)
# What one "gets" at a skill when growing into it ("I'm getting better at this", "getting good at
# saying no"): a self-evaluation, a self-description.
GROWING_SKILL_ADJECTIVES = frozenset({"good", "better"})
# Conative verbs that set up a contrast ("I tried to ..., but ...").
CONATIVE_VERBS = frozenset({"try", "want", "attempt", "plan", "mean", "intend", "hope"})
# Words of an institution's name ("the Home Office", "the Job Centre"): not a problem given a name.
INSTITUTION_WORDS = frozenset(
    {"office", "council", "centre", "center", "service", "services", "department", "court", "police", "board",
     "agency", "trust", "nhs", "school", "university", "college", "hospital", "bank", "clinic", "team", "unit",
     "ministry", "government", "church", "army", "navy", "company", "committee", "tribunal"}
)  # fmt: skip
# What a symptom does to the client as a weight or a grip ("The Big Heavy sat on me all week", "it
# squeezes me a little more each month", "the guilt eats me alive"): with the client as object.
SYMPTOM_PRESSING_VERBS = frozenset(
    {"sit", "squeeze", "crush", "grip", "drag", "hold", "pull", "push", "swallow", "eat", "consume", "hound",
     "haunt", "chase", "follow", "own", "weigh", "suffocate", "smother", "paralyse", "paralyze", "freeze"}
)  # fmt: skip
# "can't" + these is a set phrase of eagerness, surprise or thanks, not an inability
# ("I can't wait to see him", "I can't believe I did it", "can't thank you enough", "can't complain")
CANNOT_IDIOM_VERBS = frozenset({"wait", "believe", "thank", "complain"})

# ---------------------------------------------------------------- chapter titles and reflections

CHAPTER_CUES = frozenset({"chapter", "title", "titled", "life-story", "life story", "story"})
DOCUMENT_TITLE_WORDS = frozenset(
    {
        "note",
        "notes",
        "letter",
        "referral",
        "assessment",
        "report",
        "summary",
        "plan",
        "review",
        "session",
        "form",
        "intake",
        "discharge",
        "progress",
        "record",
        "minutes",
        "email",
        "e-mail",
        "re",
    }
)
NO_TITLE_CUES = frozenset(
    {"could not", "couldn't", "can't", "cannot", "unable", "no title", "not yet", "declined", "didn't"}
)
REFLECTION_CUES = frozenset(
    {
        "biggest difference",
        "past self",
        "looking back",
        "the difference is",
        "what has changed",
        "what's changed",
        "i have changed",
        "i've changed",
        "compared to when",
        "compared with when",
        "when i started",
        "when i first came",
        "since starting",
        "since i started",
        "would be surprised",
        "i never thought i would",
        "i never thought i'd",
        "proudest",
        "most proud",
    }
)

# ---------------------------------------------------------------- indicators

DOMAIN_LABELS = {
    "mood": "mood",
    "emotions": "mood",
    "emotional": "mood",
    "feelings": "mood",
    "relationships": "relationships",
    "relationship": "relationships",
    "rel": "relationships",
    "rels": "relationships",
    "family": "relationships",
    "social": "relationships",
    "self-perception": "self_perception",
    "self perception": "self_perception",
    "self-image": "self_perception",
    "self image": "self_perception",
    "self-esteem": "self_perception",
    "self esteem": "self_perception",
    "self-concept": "self_perception",
    "identity": "self_perception",
    "work/school": "work_school",
    "work / school": "work_school",
    "school/work": "work_school",
    "work": "work_school",
    "school": "work_school",
    "employment": "work_school",
    "education": "work_school",
    "work-school": "work_school",
    "occupational": "work_school",
    "coping": "coping",
    "coping skills": "coping",
    "body/health": "body_health",
    "body / health": "body_health",
    "health/body": "body_health",
    "body-health": "body_health",
    "body": "body_health",
    "health": "body_health",
    "physical health": "body_health",
    "physical": "body_health",
    "sleep": "body_health",
    "goals": "goals",
    "goal": "goals",
    "gas goal": "goals",
    "gas goals": "goals",
    "treatment goals": "goals",
    # occupational therapy's performance areas (COPM): self-care, productivity, leisure
    "self-care": "body_health",
    "self care": "body_health",
    "selfcare": "body_health",
    "productivity": "work_school",
    "leisure": "goals",
    "leisure/goals": "goals",
}
PROGRESS_LABELS = {
    "progress": "progress",
    "improved": "progress",
    "improving": "progress",
    "improvement": "progress",
    "better": "progress",
    "↑": "progress",
    "progressing": "progress",
    "worsening": "setback",
    "declining": "setback",
    "deteriorating": "setback",
    "relapsed": "setback",
    "regressed": "setback",
    "regressing": "setback",
    ">": "no_change",
    "=>": "no_change",
    "⇒": "no_change",
    "➔": "no_change",
    "➜": "no_change",
    "⬆": "progress",
    "+": "progress",
    "−": "setback",
    "–": "setback",
    "up": "progress",
    "positive": "progress",
    "gain": "progress",
    "no change": "no_change",
    "no-change": "no_change",
    "nochange": "no_change",
    "no_change": "no_change",
    "unchanged": "no_change",
    "same": "no_change",
    "stable": "no_change",
    "→": "no_change",
    "↔": "no_change",
    "=": "no_change",
    "static": "no_change",
    "maintained": "no_change",
    "setback": "setback",
    "set back": "setback",
    "set-back": "setback",
    "worse": "setback",
    "worsened": "setback",
    "decline": "setback",
    "declined": "setback",
    "deteriorated": "setback",
    "deterioration": "setback",
    "relapse": "setback",
    "regression": "setback",
    "↓": "setback",
    "⬇": "setback",
    "-": "setback",
    "down": "setback",
    "negative": "setback",
}


# Life-story chapter-title metaphors (title polarity): phrases a title is read by before word valence.
TITLE_POSITIVE_PHRASES = frozenset(
    {
        # growth, thaw, emergence, repair and forward movement
        "thawing",
        "green shoots",
        "shoots",
        "climbing",
        "level ground",
        "back on the bike",
        "back on track",
        "back on my feet",
        "on the mend",
        "making amends",
        "lost and found",
        "moving forward",
        "onward",
        "rising",
        "said no",
        "fresh start",
        "my life back",
        "getting my life back",
        "out of the cage",
        "coming home",
        "picking up the pieces",
        "still standing",
        "starting over",
        "comeback",
        "new leaf",
        "open water",
        "daylight",
        "landing",
        "lighthouse",
        "solid ground",
        "dry land",
        "second wind",
        "breathing room",
        "clear skies",
        "above ground",
        "swimming",
        "blooming",
        "thaw",
        "spring",
        "sunrise",
        "new chapter",
        "finding my feet",
        "finding my voice",
        "breaking free",
        "way out",
        "light at the end",
        "rebuilding",
        "respirer",
        "unstuck",
        "home stretch",
        "turning point",
        "turning the corner",
        # taking the wheel, finding a voice, movement and renewal
        "climb",
        "on the road",
        "driver's seat",
        "behind the wheel",
        "wheels turning",
        "finds her voice",
        "finds his voice",
        "found my voice",
        "out loud",
        "rewiring",
        "dancing",
        "spark",
        "new me",
        "coming up for air",
        "open doors",
        "walking forward",
        "learning to move",
        "getting my bearings",
        "second chance",
        "second chances",
        "back in the game",
        "taking up space",
    }
)
# A title opening with one of these gerunds leans positive (growth, repair, choosing) or negative
# (sinking, hiding, vanishing) when its words say nothing else ("Pacing Myself", "Taking the Fork
# Back", "Disappearing").
TITLE_GROWTH_GERUNDS = frozenset(
    {
        "learning",
        "unlearning",
        "finding",
        "getting",
        "taking",
        "building",
        "rebuilding",
        "choosing",
        "leaving",
        "pacing",
        "rebooting",
        "living",
        "making",
        "coming",
        "starting",
        "growing",
        "healing",
        "walking",
        "opening",
        "reclaiming",
        "standing",
        "stepping",
        "breathing",
        "waking",
        "recovering",
        "returning",
        "becoming",
        "letting",
        "picking",
        "mending",
        "emerging",
        "surfacing",
        "steering",
        "planting",
        "reaching",
        "speaking",
        "showing",
    }
)
TITLE_STUCK_GERUNDS = frozenset(
    {
        "drowning",
        "sinking",
        "disappearing",
        "vanishing",
        "hiding",
        "falling",
        "drifting",
        "fading",
        "crumbling",
        "spiralling",
        "spiraling",
        "treading",
        "surviving",
        "struggling",
        "hurting",
        "numbing",
        "shrinking",
        "suffocating",
        "unravelling",
        "unraveling",
        "pretending",
        "running",
        "collapsing",
    }
)
# "Out of the Basement" leaves a bad place behind; these are running out, not getting out.
TITLE_OUT_OF_LACKS = frozenset(
    {
        "control",
        "time",
        "steam",
        "options",
        "breath",
        "depth",
        "place",
        "luck",
        "order",
        "sync",
        "touch",
        "reach",
        "work",
    }
)
TITLE_NEGATIVE_PHRASES = frozenset(
    {
        # frozen, knocked down, running out, going nowhere, walking on eggshells
        "frozen",
        "knocked down",
        "running out",
        "nowhere",
        "nowhere fast",
        "eggshells",
        "groundhog day",
        "hibernation",
        "bits and pieces",
        "just getting through",
        "hanging on",
        "rock bottom",
        "treading water",
        "waiting for",
        "nobody's",
        "nobody",
        "survival mode",
        "freefall",
        "free fall",
        "ghosts",
        "holding pattern",
        "the dark",
        "the pit",
        "under water",
        "underwater",
        "drowning",
        "sinking",
        "lost at sea",
        "storm",
        "limbo",
        "on hold",
        "stuck",
        "autopilot",
        "going under",
        "falling apart",
        "in the hole",
        "winter",
        "the cage",
        "dead end",
        "the void",
        "broken",
        "wreckage",
        "quicksand",
        # running empty, thrown in, shut in, grey
        "on fumes",
        "on empty",
        "deep end",
        "locked",
        "four walls",
        "grey years",
        "grey year",
        "blues",
        "old me",
        "black hole",
        "the hole",
        "the fog",
        "no way out",
        "made redundant",
        "going through the motions",
        "punchbag",
        "punching bag",
    }
)
# words between two quoted titles in one sentence that tell one as the title before or after the
# other, or as its renaming ("at intake "X" and at discharge "Y"")
TITLE_COMPANION_CUES = frozenset(
    {"and", "now", "today", "then", "this one", "the one", "next", "last", "before", "after", "renamed",
     "changed", "calling", "called", "call", "later", "earlier", "first", "previous", "current",
     "for now", "no wait", "at intake", "at discharge", "at our final session", "by the end", "used to",
     "this year", "last year", "this chapter", "that chapter", "new one", "old one"}
)  # fmt: skip
# how a sentence after a title opens when it gives the title before or after it ("“X”. Last month it
# would've been “Y”.", "“X”. That was January. Now... “Y”."); cues.TITLE_COMPANION_CUES are the
# words between two titles in one sentence
TITLE_NEXT_SENTENCE_CUES = frozenset(
    {"now", "and now", "but now", "today", "this one", "the last one", "the next one", "the new one",
     "the old one", "the one before", "last month", "last week", "last time", "last year", "last session",
     "before that", "before", "at first", "then", "or", "no wait", "actually"}
)  # fmt: skip
# "X, then Y" / "from X to Y" titles: the part after the marker gives the direction
TITLE_TURN_MARKERS = frozenset({"then", "to", "into", "and now", "now", "becoming"})

# Everyday verbs (otherwise not agency: NON_AGENTIVE_VERBS) that become a step the client took
# when marked "for the first time", "on his own initiative", "without prompting" ("wore a
# short-sleeved top to group for the first time", "apologised to staff on his own initiative").
MILESTONE_VERBS = frozenset(
    {"wear", "apologise", "apologize", "attend", "sit", "stay", "talk", "share", "tell", "ask", "answer",
     "return", "spend", "arrive", "reply", "respond", "mention", "explain", "express", "wait", "listen"}
)  # fmt: skip
GREETINGS = frozenset({"hi", "hello", "hey", "hiya", "morning", "evening"})  # "Hi, I'm Thabo"
# Objects of "use" that are wording, not a skill ("used a proverb", "used the word for principal").
WORDING_NOUNS = frozenset(
    {"word", "proverb", "phrase", "term", "expression", "saying", "metaphor", "language", "idiom", "analogy",
     "slang", "pronoun"}
)  # fmt: skip
# What a clinician hands out ("gave info on FMLA", "gave crisis numbers"): not the client's act.
HANDED_OUT = frozenset(
    {"info", "information", "psychoeducation", "leaflet", "leaflets", "handout", "handouts", "resources",
     "resource", "number", "numbers", "details", "pamphlet", "brochure", "advice", "feedback"}
)  # fmt: skip
# How a note or its excerpt came to be ("Typed up with her permission", "translated from German"):
# a subjectless participle of these is the document's history, not the client's act.
DOCUMENT_VERBS = frozenset(
    {"type", "transcribe", "translate", "dictate", "scan", "redact", "abridge", "copy", "paraphrase",
     "excerpt", "record", "anonymise", "anonymize", "edit", "shorten", "upload", "attach", "forward"}
)  # fmt: skip
# Meals and drinks had with someone ("had lunch with her friend Aoife"): company sought, an act.
SHARED_MEALS = frozenset(
    {"lunch", "dinner", "breakfast", "brunch", "coffee", "tea", "meal", "picnic", "supper", "takeaway", "bbq"}
)  # fmt: skip
PROMPTING_WORDS = frozenset({"prompting", "prompts", "prompt", "being", "reminders", "reminder", "asking"})

# Observed behaviour in clinician fragments ("Cl tearful, wringing hands", "Pt paced room"): the clinician
# describing the client in session, never the client's agency (GUIDELINES section 7, clinician_narration).
# What a client paces on purpose (activity pacing, a skill: "pacing her housework with a kitchen
# timer"); pacing a corridor or a room is agitation, observed.
PACED_ACTIVITIES = frozenset(
    {"housework", "activity", "activities", "task", "tasks", "chore", "chores", "day", "days", "week",
     "energy", "herself", "himself", "myself", "themselves", "work", "workload", "exercise", "walks",
     "walking", "study", "studying", "revision", "gardening", "shopping"}
)  # fmt: skip
OBSERVED_BEHAVIOUR = frozenset(
    {
        # states and hesitations seen in the session or on the phone ("Client distressed after argument
        # with landlord", "preoccupied with numbers", "Asked to name the chapter, client hesitated")
        "distressed",
        "preoccupied",
        "hesitated",
        "hesitant",
        # appearance in a mental-state examination ("Neatly dressed", "well groomed")
        "dressed",
        "groomed",
        "kempt",
        "tearful",
        "tearfull",  # typed in a hurry
        "teary",
        "animated",
        "withdrawn",
        "monosyllabic",
        "pace",
        "paced",
        "pacing",
        "laugh",
        "laughing",
        "grin",
        "grinning",
        "smile",
        "smiling",
        "wring",
        "wringing",
        "fidget",
        "fidgeting",
        "restless",
        "agitated",
        "guarded",
        "flat",
        "tense",
        "cry",
        "crying",
        "sob",
        "sobbing",
        "slumped",
        "dishevelled",
        "disheveled",
        "unkempt",
        "calm",
        "settled",
        "engaged",
        "distracted",
        "irritable",
        "oriented",
        "orientated",
        "subdued",
        "quiet",
        "slowing",
        "psychomotor",
        "alert",
        "cooperative",
        "co-operative",
        "avoid eye contact",
        "avoids eye contact",
        "avoided eye contact",
        "good eye contact",
        "poor eye contact",
    }
)
# Mood and affect words of terse notes that the tagger may read as verbs ("Pt low.").
MOOD_WORDS = frozenset(
    {
        "low",
        "flat",
        "bright",
        "brighter",
        "euthymic",
        "dysphoric",
        "labile",
        "stable",
        "elevated",
        "blunted",
        "restricted",
        "constricted",
        "reactive",
        "irritable",
        "anxious",
        "tearful",
        "teary",
        "down",
        "up",
    }
)
# Clinical shorthand kept as one token ("c/o" = complains of; "w/o" = without; "s/p" = status post)
SHORTHAND_TOKENS = frozenset({"c/o", "w/o", "s/p", "h/o", "f/u", "b/c", "w/", "c/b", "r/o", "n/v"})
# Scots and Northern English negative auxiliaries ("I cannae cope", "she didnae drink", "I dinna ken"):
# split like "can't" into the auxiliary and a negation the parser reads as "not" (its NORM), so the
# clause's modal and negation are seen. Each entry: the word -> (auxiliary, its NORM, the negation).
DIALECT_NEGATIONS = {
    f"{aux}{neg}": (aux, norm, neg)
    for aux, norm in (
        ("can", "can"),
        ("could", "could"),
        ("would", "would"),
        ("should", "should"),
        ("will", "will"),
        ("did", "did"),
        ("din", "do"),
        ("does", "does"),
        ("is", "is"),
        ("was", "was"),
        ("has", "has"),
        ("have", "have"),
        ("hav", "have"),
        ("must", "must"),
    )
    for neg in ("nae", "na")
}
# The client's role abbreviated with a full stop, as a clause's subject ("Cl. went to the seniors'
# lunch"): the capitalised form is kept one token, so its stop does not end the sentence. A lower-case
# "pt." usually does end one ("Discussed the plan with pt."), so it is left alone.
SHORTHAND_SUBJECTS = frozenset({"cl.", "pt.", "clt."})
# Symptom-report heads in clinician shorthand ("Pt c/o poor sleep", "endorses low mood", "denies SI"):
# a report of symptoms, not a clause in which the client acts.
SYMPTOM_REPORT_VERBS = frozenset({"c/o", "complain", "complains", "endorse", "endorses", "deny", "denies"})

# "I just think differently": a way of thinking is a self-description, not an epistemic frame.
THINKING_STYLE_ADVERBS = frozenset(
    {"differently", "clearly", "logically", "visually", "negatively", "positively"}
)

# Transitive verbs a note uses as a reduced passive with a "by" agent ("Pt brought to ED by police").
REDUCED_PASSIVE_VERBS = frozenset(
    {
        "bring",
        "take",
        "escort",
        "find",
        "admit",
        "detain",
        "restrain",
        "arrest",
        "section",
        "convey",
        "transfer",
    }
)

# A self-view question in the line before a verbless answer ("T: Who are you now?" / "C: Someone who
# gets up."; "How do you see yourself?" / "As the office doormat.").
SELF_VIEW_QUESTIONS = frozenset(
    {
        "see yourself",
        "describe yourself",
        "think of yourself",
        "view yourself",
        "who are you",
        "what are you like",
        "what kind of person are you",
        "what sort of person are you",
    }
)
# Heads of such a verbless answer besides "As ...": a person described by a relative clause.
SELF_VIEW_ANSWER_HEADS = frozenset({"someone", "somebody", "one", "person", "guy", "girl", "woman", "man"})

# "I've spent years being the guy who ...", "I keep being the bad guy", "I always end up being the
# one left outside": an identity held over time.
SPENT_BEING_LEMMAS = frozenset({"spend", "waste", "keep", "end"})

# "I'm the one people leave", "I am somebody people come to": a person word after the copula that
# a bare relative clause describes (the small parser hangs it on the relative clause's subject).
CONTACT_RELATIVE_HEADS = frozenset(
    {"one", "someone", "somebody", "person", "guy", "girl", "woman", "man", "bloke"}
)
CONTACT_RELATIVE_LEAD = frozenset({"the", "a", "an", "only", "just", "kind", "sort", "type", "of"})

# "I keep telling myself I'm not broken", "I spent 30 years thinking I was rude and cold": a
# self-talk or belief verb (in -ing form under another verb, or "tell"
# with a reflexive) whose complement is the client's claim about themselves.
SELF_TALK_FRAME_LEMMAS = frozenset({"tell", "think", "believe"})

# "I'm not ready to be the patient": adjectives of fitness for a role before "to be" + a nominal
# predicate (a self-description, like "not cut out for this").
ROLE_FIT_ADJECTIVES = frozenset({"ready", "fit", "unfit"})

# Medicines, whose effects on the client ("the tablets make me fat and slow") are the drug's doing.
MEDICINE_WORDS = frozenset(
    {"tablet", "tablets", "pill", "pills", "medication", "medications", "med", "meds", "medicine",
     "injection", "depot", "dose", "antidepressant", "antidepressants", "antipsychotic", "antipsychotics"}
)  # fmt: skip

# A stance towards being a kind of person ("okay with being weird", "proud of being a carer",
# "ashamed of being the weak one"): the client accepting or rejecting who they are.
STANCE_TO_BEING_ADJECTIVES = frozenset(
    {"okay", "ok", "fine", "comfortable", "content", "happy", "proud", "ashamed", "embarrassed"}
)

# "I survived", "I've outlived them all": having come through, experience as identity.
SURVIVAL_VERBS = frozenset({"survive", "outlive", "endure"})

# Participles that describe the self as a thing made, mended or damaged ("I'm wired differently",
# "I'm not fixed, but I'm not broken either", "I'm not cured", "I'm cracked, maybe").
SELF_CONDITION_PARTICIPLES = frozenset({"wired", "fixed", "cured", "healed", "cracked", "spoiled", "spoilt"})

# Marks that can open a quotation inside a clause (the straight one opens and closes).
OPENING_QUOTE_MARKS = frozenset({"“", '"', "‘", "„", "«"})

# "I'm scared I'm unemployable", "she is afraid she is a burden": a fearful frame over a claim about
# the self, read like the epistemic adjectives.
FEARFUL_FRAME_ADJECTIVES = frozenset({"scared", "afraid", "worried", "terrified", "frightened"})

# Words that may stand between an agency clause and a clause that depends on it and stays inside
# its span (guidelines section 3, clause-final adjuncts): "she is going to stay at a hotel "so I
# can leave when I need to"", "ate lunch with the team even though she "wanted to hide"", "waited
# at the gate until she went in", "poured a glass Friday "but then I tipped it down the sink"".
DEPENDENT_CLAUSE_JOIN_WORDS = frozenset(
    {"so", "that", "because", "cos", "coz", "cause", "'cause", "’cause", "even", "though", "tho",
     "although", "until", "till", "til", "when", "whenever", "while", "before", "after", "since",
     "and", "but", "then", "yet", "not", "anyway"}
)  # fmt: skip
# Marks between two clauses that end the first one's span: a new sentence, a dash or a colon before
# the client's next words ("Pt chose to walk to the hawker centre — "Walk slowly lor, but I still went"").
DEPENDENT_CLAUSE_STOPS = frozenset({".", "!", "?", "—", "–", ":", ";"})
# Of those, the words that make the dependent clause an adverbial adjunct of the act (it keeps the
# act's weight) rather than a coordinated clause of its own.
ADJUNCT_CLAUSE_MARKERS = frozenset(
    {"so", "because", "cos", "coz", "cause", "'cause", "’cause", "though", "tho", "although", "until",
     "till", "til", "when", "whenever", "while", "before", "after", "since"}
)  # fmt: skip

# Participles that name a worn-down or damaged condition, not something done to the client: "I'm
# just worn out", "I'm buggered", "I am not damaged", "he gets lost in his own sentences" (still a
# passive with an agent: "I was damaged by what he did").
CONDITION_PARTICIPLES = frozenset(
    {"worn", "burnt", "burned", "buggered", "drained", "frazzled", "fried", "wrecked", "gutted",
     "spent", "lost", "damaged", "cooked"}
)  # fmt: skip
# Motion verbs in idioms of a state one is in, by the verb's lemma and the words after it: "I'm not
# going doolally", "she's "running on fumes"", "I'm running on empty".
STATE_MOTION_IDIOMS: dict[str, frozenset[str]] = {
    "go": frozenset(
        {"doolally", "mad", "crazy", "nuts", "insane", "mental", "bonkers", "loopy", "gaga", "senile",
         "round the bend", "around the bend", "off my head", "out of my mind", "to pieces"}
    ),
    "run": frozenset({"on empty", "on fumes", "on autopilot", "on adrenaline", "on fumes now"}),
}  # fmt: skip
# Whole clauses that are a way of speaking, not a claim: "I'm not gonna lie", "I won't lie".
DISCOURSE_CLAUSES = frozenset(
    {"i'm not gonna lie", "i am not gonna lie", "i'm not going to lie", "i am not going to lie",
     "not gonna lie", "i won't lie", "i will not lie", "i can't lie"}
)  # fmt: skip

# The clinician setting the client's homework in a subjectless note fragment ("Assigned ch. 3 of
# "When Perfect Isn't Good Enough."", "Assigned thought records x3", "Gave out the values sheet").
CLINICIAN_ASSIGNING_VERBS = frozenset({"assign", "allocate"})

# Words that open a worksheet's or form's prompt written as a free relative clause ("What matters to
# me:", "Who I want to be:", "Something I did this week I'm proud of:", "One thing I'd change:").
PROMPT_OPENERS = frozenset(
    {"what", "who", "how", "where", "why", "when", "something", "anything", "one", "things"}
)
# List numbers and bullets that may stand before a prompt on its line.
LIST_MARKERS = frozenset({"-", "*", "•", "·", "–", "—", "a", "b", "c", "i", "ii", "iii", "iv", "v"})

# A relationship status given as a participle ("separated from partner in week 4", "still estranged
# from her brother", "isolated from old friends"), not an act; still a passive when done to the client
# ("she was separated from her brother at the border").
RELATIONSHIP_STATUS_PARTICIPLES = frozenset({"separated", "estranged", "isolated", "divorced"})
# A plan's status after its noun ("Driving lessons still on hold").
ON_HOLD_PHRASES = frozenset({"on hold", "on pause", "on the back burner"})

# Auxiliaries of the possessive "have got" ("I've got a good job", "she's got her own place"): having,
# not getting.
HAVE_GOT_AUXES = frozenset({"'ve", "have", "has", "'s"})
# ---- Informal and spoken English (texting, dialects, uptalk) ----------------------------------------
# Spoken and texted words the small parser reads better under a standard NORM (the text is kept;
# tokenizer special cases, as for DIALECT_NEGATIONS): texting hedges and laughs ("im lowkey scared"
# is a state, "scared" the predicate), the Jamaican and Caribbean first-person "mi" ("mi always find
# a way"; not "MI", motivational interviewing). Each entry: the word as typed (lower case; the
# capitalised form is added) -> its NORM.
SPOKEN_NORMS = {
    "lowkey": "kinda",
    "highkey": "really",
    "lmao": "lol",
    "lmfao": "lol",
    "mi": "i",
}
# First-person subjects of Caribbean and other Englishes besides "I" ("Me is a proud man", "Mi never
# perfect"): the client speaking, when the word is a clause's subject with no other conjunct.
DIALECT_FIRST_PERSON_SUBJECTS = frozenset({"me", "mi"})

# Hedges that make a first-person claim typed with a question mark a tentative statement (uptalk),
# not a question: "I'm kinda brave actually??", "That I'm... kinda thoughtful?", "I'm kind of the
# quiet one?". Without one ("I'm a failure?") the question mark decides, as does a tag ("..., right?").
UPTALK_HEDGES = frozenset(
    {"kinda", "kind", "sorta", "sort", "like", "actually", "honestly", "lowkey", "maybe", "probably",
     "guess", "just", "pretty", "quite"}
)  # fmt: skip
# Words that may stand between such a claim and its question mark (", and honestly?", "actually??").
UPTALK_TRAILERS = frozenset(
    {",", "and", "honestly", "actually", "though", "tho", "lol", "haha", "...", "…", "really", "now"}
)
# Words before the subject of such a claim: "That I'm ...?" answering "What does that say about you?"
# (not "So I'm ...?", which checks an inference: "So I'm basically addicted to control?").
UPTALK_OPENERS = frozenset(
    {"that", "now", "honestly", "like", "but", "and", "well", "ok", "okay", "yeah", "um", "uh", "mean",
     "i", ",", "...", "…", "-", "—", "–"}
)  # fmt: skip

# Slang contractions of an effort or intention ("I'm tryna get out of here"): the parser reads the
# word as the copula's predicate; the clause is an intention (agency), not who the client is.
INTENT_CONTRACTIONS = frozenset({"tryna", "finna", "boutta", "try"})

# Predicates of regional English that name a passing state: Irish and Scots "I'm grand" ("fine").
DIALECT_STATE_PREDICATES = frozenset({"grand"})

# "Lord knows I'm a stubborn old woman", "God knows I'm no saint": an oath over the client's own
# claim, an emphasis (the subject is not someone else judging the client).
OATH_SUBJECTS = frozenset({"god", "lord", "heaven", "christ", "goodness", "jesus"})

# Nouns for the self as a whole after "my" ("That was my whole identity", "the job is my
# identity"): naming what the client is built on.
OWN_IDENTITY_NOUNS = frozenset({"identity", "personality", "self"})

# Prompts that ask the client for words about themselves ("How would you describe yourself in a few
# words? — Stubborn, tired, loyal to a fault.", "3 words I use about myself: thick, ugly, grand",
# "Q: What are your strengths? / A: Stubborn lol."): the client's verbless answer after one is a
# self-description. Not what others would say ("3 words my friends would use about me").
SELF_WORDS_PROMPTS = frozenset(
    {
        "describe yourself",
        "describe myself",
        "describes me",
        "describe me",
        "words i use about myself",
        "words i'd use about myself",
        "words i would use about myself",
        "word for yourself",
        "words for yourself",
        "words about yourself",
        "words about myself",
        "your strengths",
        "my strengths",
        "what kind of man",
        "what kind of woman",
        "what kind of person",
        "what sort of person",
        "how do you see yourself",
        "how would you see yourself",
    }
)
# Labels of the client's answer on the line after such a prompt ("A: ...").
ANSWER_LABELS = frozenset({"a", "answer", "ans"})
# Answers that give no words about the self ("Dunno.", "Not sure.").
NON_ANSWERS = frozenset(
    {"dunno", "idk", "not sure", "no idea", "i don't know", "i dont know", "don't know", "pass"}
)

# Objects of "at" that make a time, not a skill ("Terrible at first", "Rubbish at night"), after a
# self-rating word in a verbless fragment ("Rubbish at it").
AT_TIME_WORDS = frozenset(
    {"first", "last", "times", "once", "night", "nights", "present", "moment", "start", "end"}
)

# Zero copula in Singapore, Caribbean and other Englishes ("Last time I very blur one", "Mi never
# perfect"): words that may stand between the subject and a predicate with no "be" at all. A degree
# word among them ("very", "so") before a word the parser took for a verb marks the missing copula
# (standard English has "I very much doubt it", not "I very blur"); without one the predicate must be
# a self-talk word ("perfect").
ZERO_COPULA_DEGREE = frozenset({"very", "so", "too", "quite", "damn", "super", "real"})
ZERO_COPULA_ADVERBS = frozenset(
    {"never", "not", "no", "still", "also", "always", "now", "already", "last", "time"}
)

# Nouns of a header over the client's own words after the client's name ("Ciara's list (copied with
# consent): I am a sister. ...", "Tom's answers:"); voice._named_client_blocks.
CLIENT_BLOCK_NOUNS = frozenset(
    {"list", "answers", "responses", "words", "sentences", "statements", "message", "text", "entry", "reply"}
)
# Prepositions that make "get there" an arrival, not progress ("I get there at nine", "got there by
# bus", "get there before the shop shuts"); "I'll get there in the end" stays progress.
GETTING_THERE_PLACE_PREPS = frozenset(
    {"at", "by", "before", "after", "on", "from", "with", "for", "via", "around"}
)

# Verbs + particle that cues.NON_AGENTIVE_VERBS leaves out as in-session behaviour or idiom but
# that are acts in the client's own account ("I hung up on him", "picked up extra shifts");
# the second list's verbs need an object ("picked up the phone", not "picked up on her mood").
OWN_WORDS_PHRASAL_ACTS = frozenset({"hang up", "pick up"})
OWN_WORDS_PHRASAL_NEEDS_OBJECT = frozenset({"pick"})
# Apologising, an act when made to someone in the client's life ("apologised to my sister").
APOLOGY_VERBS = frozenset({"apologise", "apologize"})
# The emphatic past's "did" of a note fragment whose subject is left out ("Did ring the Samaritans",
# "did go in the end"): its verb is a record of the past, not a plan's base form.
PAST_DO_AUXES = frozenset({"did"})
