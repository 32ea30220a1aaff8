"""Chapter titles in the general forms clinicians write them, and title polarity."""

from __future__ import annotations

import pytest

from narrative.extract.titles import find_titles, title_polarity
from tests.extract._helpers import titles_of


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        # labels: anything naming the chapter/title, then a separator
        ("Chapter title: the year I got my voice back", ["the year I got my voice back"]),
        ("CHAPTER TITLE - Rebuilding", ["Rebuilding"]),
        ("Client's chapter title today: Slow Thaw.", ["Slow Thaw"]),
        ("Life-story chapter, in her own words: who I am now", ["who I am now"]),
        ("Chapter title, as written on the sheet: SOBER & SCARED", ["SOBER & SCARED"]),
        # old/new pairs and sequences
        ("Chapter title at session 8: Coming Home (was: Lost at Sea).", ["Coming Home", "Lost at Sea"]),
        ("Title for this chapter: “Half Way Up”; previously: “Base Camp”.", ["Half Way Up", "Base Camp"]),
        (
            "Chapter titles over time: “Fog” (S1) → “Mist” (S6) → “Clear Skies”.",
            ["Fog", "Mist", "Clear Skies"],
        ),
        ("Chapter title: Fog → Clear Skies.", ["Fog", "Clear Skies"]),
        ("Chapter title changed from “Stuck” to “Moving”.", ["Stuck", "Moving"]),
        # a timeline on one line: periods before bare titles, separated by semicolons
        (
            "Chapter titles (from her timeline): 1998–2006 THE GOOD HOUSE; 2006–2015 walking on eggshells; "
            "2015–now Getting Out.",
            ["THE GOOD HOUSE", "walking on eggshells", "Getting Out"],
        ),
        # "called hers" (K., his, is another member: his title is not the client's), and a
        # quotation named as the chapter's title after it
        ('K. titled his chapter "Rock Bottom." Client called hers "The Thaw".', ["The Thaw"]),
        (
            'She wrote "The Year I Said No" at the top of the page as this chapter\'s name.',
            ["The Year I Said No"],
        ),
        # a list of titles over time, each after a time phrase
        (
            'Chapter titles: at intake "Stuck in the Mud"; at 3 months "Wheels Turning"; today "On the Road".',
            ["Stuck in the Mud", "Wheels Turning", "On the Road"],
        ),
        (
            'Chapter titles she gave over our work together:\nSession 1 – "The Black Hole"\nSession 5 – "Holding Her Cardigan"',
            ["The Black Hole", "Holding Her Cardigan"],
        ),
        # a title replaced, a title chosen
        (
            'Asked what she would call this chapter, she said "Just Getting Through" and then changed it to "Learning to Live".',
            ["Just Getting Through", "Learning to Live"],
        ),
        ("For this chapter of her life she chose the title Out of the Fog.", ["Out of the Fog"]),
        # no title: a shrug, "haven't got a title"; a document header
        (
            'When asked "If your life were a book, what would this chapter be called?" Luca shrugged and said, "No idea."',
            [],
        ),
        ("Title: PTSD Clinical Team – Progress Note (CPT Session 9)", []),
        # periodic-review list under a header
        (
            "Chapter titles:\n- Intake: The Pit\n- Session 6: Climbing\n- Session 12: “Above Ground”\n\nPlan: continue.",
            ["The Pit", "Climbing", "Above Ground"],
        ),
        # title before the frame
        ("“Rock Bottom” is what she would call this chapter.", ["Rock Bottom"]),
        ("'Second Chances' was the title he settled on for this chapter.", ["Second Chances"]),
        ("‘Dry Land’, she said, was the only title that fitted.", ["Dry Land"]),
        ("Dry Land, she said, was the only title that fitted.", ["Dry Land"]),
        ("C: “The Long Road.” That’s what I’d call it.", ["The Long Road"]),
        # frame verbs after the chapter is mentioned
        ("Asked for a chapter title, she wrote “Unfinished”.", ["Unfinished"]),
        ("Chapter exercise: he chose “Breathing Room”.", ["Breathing Room"]),
        ("She renamed the chapter “Solid Ground”.", ["Solid Ground"]),
        ("Her title for this chapter is now “Open Door”.", ["Open Door"]),
        ("Life-story work. She called it Breaking Free and smiled.", ["Breaking Free"]),
        ("C: If I had to title it, I'd title it… Survival.", ["Survival"]),
        # transcripts and prompt questions
        ("Q: What would you call this chapter of your life?\nA: Growing Pains.", ["Growing Pains"]),
        ("T: And the chapter title? C: “Starting Over”.", ["Starting Over"]),
        (
            "Life-story prompt (“What is this chapter called?”): Out of the Woods, he said.",
            ["Out of the Woods"],
        ),
        # prose reviews: a time span named, the new chapter named bare, an adverb before "call", the
        # prompt as "this part of his life", an answer given "without hesitating", "a new title, “X”"
        (
            "At the start he had called the last ten years The Pub Years, and today he said the new chapter "
            "is Dry Land, adding that he meant it.",
            ["The Pub Years", "Dry Land"],
        ),
        (
            "He had named this part of his life Drinking to Forget, and today he said he would now call it "
            "Remembering on Purpose.",
            ["Drinking to Forget", "Remembering on Purpose"],
        ),
        (
            "When I asked him, as I had at our first meeting, what he would call this part of his life, he "
            "said, “Learning to Be Slow.”",
            ["Learning to Be Slow"],
        ),
        (
            "When I invited her to give this period of her life a chapter title, she said without hesitating, "
            "“Running on Empty.”",
            ["Running on Empty"],
        ),
        ("Chapter exercise again. Today she chose a new title, “My Own Company”.", ["My Own Company"]),
        # a youth or key worker asks in a transcript
        ("Worker: If the last year was a chapter, what would it be called?\nYP: BAD NEWS.", ["BAD NEWS"]),
        # a label after a date; "was X, now Y"; periods named after the label; a dash as the separator
        ("Review.\n03/05: Title given: “Small Steps”. She smiled.", ["Small Steps"]),
        ("Life chapter: was “Frozen Lake,” now “Thaw.”", ["Frozen Lake", "Thaw"]),
        (
            "She looked back on her titles: at referral “Treading Water”; at discharge “Swimming Lessons”.",
            ["Treading Water", "Swimming Lessons"],
        ),
        (
            "Narrative work: chapter titles over the year – “Dark Room” (s2) → “Light Switch” (s10).",
            ["Dark Room", "Light Switch"],
        ),
        # the life-story exercise told through another medium: the medium is the exercise, not a work
        (
            "If your life were a TV show, what would this season be called? She said, “The Comeback.”",
            ["The Comeback"],
        ),
        ("T: If this year were an album, what would this track be called?\nC: “Static.”", ["Static"]),
        # titles named after a period or an ordinal of the medium, two or more
        (
            "Life story, typed up by client:\nPart One: Small Hands. I grew up by the sea. Part Two: The Long Drift. "
            "I drank. Part Three: Landfall.",
            ["Small Hands", "The Long Drift", "Landfall"],
        ),
        (
            "Client’s timeline, copied from the worksheet: 1990–2001 Red Door → 2001–2015 Quiet Years → 2015– Open Sky.",
            ["Red Door", "Quiet Years", "Open Sky"],
        ),
        (
            "Her “life album” tracklist: Track 1 Static → Track 2 Feedback → Track 3 Clear Signal.",
            ["Static", "Feedback", "Clear Signal"],
        ),
        # a numbered tracklist ends where the numbering does
        (
            "if my life was an album this is the tracklist so far:\n1. Small Change\n2. Night Bus\nNot sure about 2.",
            ["Small Change", "Night Bus"],
        ),
        # tables: a title column under its header; a row labelled as the chapter title
        (
            "Timeline worksheet, client’s own headings in column 2:\nAges\tClient’s title\tRating\n"
            "0–10\tThe Farm\t+\n11–16\tBoarding School\t–",
            ["The Farm", "Boarding School"],
        ),
        (
            "Review (EHR table):\n| Domain | Status | Comment |\n| Chapter title | — | “Second Wind”, replacing “Flat Tyre”. |",
            ["Second Wind", "Flat Tyre"],
        ),
        # a chapter referred to by its place ("the second is", "this one is", "the one I'm in now")
        (
            "My life-story chapters. The first is “Boxes”. The second is “Paper Walls”, about the homes. "
            "The one I'm writing now is “Tenant of My Own Life”.",
            ["Boxes", "Paper Walls", "Tenant of My Own Life"],
        ),
        ("Chapter work. She said this one is “Sorry For Existing”.", ["Sorry For Existing"]),
        (
            "Letter to my younger self about my chapters. I'm calling the one I'm in now “The Long Way Round”.",
            ["The Long Way Round"],
        ),
        # a short sentence before the quoted answer in a transcript
        (
            "T: If the last two years were a TV show, what would this season be called?\nC: Season three, definitely. “The Reboot.”",
            ["The Reboot"],
        ),
        # a period of the life named in the chapter exercise; a title kept from an earlier session
        ("Road-trip question for his chapters. He said the drought years were “Bogged”.", ["Bogged"]),
        (
            "Reviewed the chapter exercise: client kept her title from intake, “Holding Pattern”.",
            ["Holding Pattern"],
        ),
        # the life-story book is the exercise itself, not a work; a bare title after "the last chapter is"
        (
            "He has finished his life-story book; the last chapter is The Long Road. He still walks daily.",
            ["The Long Road"],
        ),
        ("Her “book of my life”: the first chapter is “Small Town Girl”.", ["Small Town Girl"]),
        # a second title after the first: the last chapter, a title named "as", the one being started,
        # a chapter to come, a title given when pushed
        (
            'Asked what this chapter of his life is called, he said "Clean Sheets". Last chapter was "Chasing".',
            ["Clean Sheets", "Chasing"],
        ),
        (
            'Asked him to title the chapter he\'s in now. He said "Dry Dock". Previous chapters he named as "Jack Tar" and "Man Overboard".',
            ["Dry Dock", "Jack Tar", "Man Overboard"],
        ),
        (
            'Asked what he\'d call the chapter he\'s finishing, he said "Climbing Out", and the one he\'s starting "Just Living".',
            ["Climbing Out", "Just Living"],
        ),
        ('Chapter Two is "After". Maybe Chapter Three will be "Still Here".', ["After", "Still Here"]),
        (
            "Asked what she'd call this chapter, Niamh said 'Everyone Talking About Me' and then, when pushed, 'Trying'.",
            ["Everyone Talking About Me", "Trying"],
        ),
        # the headline and "name this season" prompts, answers after a pause or a laugh, "said maybe"
        (
            'Transcript.\nTherapist: If this year had a headline, what would it be?\nClient: Ugh. "Man, 41, Still Figuring It Out".',
            ["Man, 41, Still Figuring It Out"],
        ),
        (
            'When I asked for a headline for this year he laughed and said "Local Man Discovers Weekends".',
            ["Local Man Discovers Weekends"],
        ),
        (
            'Asked to give this year a name, he said maybe "The Year I Learn to Say No".',
            ["The Year I Learn to Say No"],
        ),
        (
            'Asked how she\'d name this part of her life, she took a while and then said "Paddling Like Mad".',
            ["Paddling Like Mad"],
        ),
        # a list of titles after a colon; a two-column table with one bar per row; "the one before it"
        (
            'Client wrote three headlines for this year at my request: "Local Woman Quits Drinking"; "Sober Reporter Files on Time".',
            ["Local Woman Quits Drinking", "Sober Reporter Files on Time"],
        ),
        (
            "Review.\nChapter | Client's title\n1 (childhood) | Amma's Shadow\n2 (college) | The Topper Who Cracked",
            ["Amma's Shadow", "The Topper Who Cracked"],
        ),
        (
            'Life-story work: current chapter "Skills, Not Scars"; she named the one before it "Red Alert".',
            ["Skills, Not Scars", "Red Alert"],
        ),
    ],
)
def test_titles_general_forms(rules, note, titles):
    assert titles_of(note, rules) == titles


@pytest.mark.parametrize(
    "note",
    [
        "T: Any title for this chapter?\nC: Not sure yet.",
        "T: Any title for this chapter yet?\nC: Nope. Blank.",
        "Title: Progress Note - Session 6",
        "Reading chapter 4 of the workbook: 'Mind Over Mood'.",
        "Discussed her favourite song, “I Will Survive”, which she called her anthem.",
        "Mood: low (no change). Affect: flat.",
        "Chapter title exercise: she could not think of a title yet.",
        "Chapter title: none yet.",
        "Homework: read chapter 3 of the handout.",
        "Client said “I’m done being the doormat” and was tearful.",
        "Plan: revisit life-story chapter next session.",
        "Life-story chapter work. She said the new chapter is about her kids.",
        "Chapter exercise. He said the new chapter is I think harder.",
        "Chapter work postponed. Her favourite book of poems, “The Road”, helps at night.",
        "Her favourite TV show is “The Office”, she said, and she watches it every night.",
        "Homework: read chapter 3 of the workbook. Part 2 of the course starts in the 2019–2020 term.",
        "Chapter titles exercise.\nMember\tTitle\nA.\tHigh Tide\nB.\tLow Tide",  # whose row is the client's?
        "Medication\tDose\tTitle\nSertraline\t100 mg\tLeaflet",
        "She read the first two books of the series. The second is “The Subtle Knife”.",
        "She said the last two weeks were “awful”.",
    ],
)
def test_titles_general_forms_hard_negatives(rules, note):
    assert titles_of(note, rules) == []


@pytest.mark.parametrize(
    ("title", "polarity"),
    [
        ("Treading Water, Then Swimming", "positive"),
        ("Out of the Pit", "positive"),
        ("The Pit", "negative"),
        ("Holding Pattern", "negative"),
        ("A New Leaf", "positive"),
        ("Moving House", "neutral"),
        # how a title opens, when its words carry no valence
        ("Pacing Myself", "positive"),
        ("Taking the Fork Back", "positive"),
        ("Disappearing", "negative"),
        ("Out of the Basement", "positive"),
        ("Out of Time", "neutral"),
        ("NO WAY OUT", "negative"),
        ("Second Chances", "positive"),
    ],
)
def test_titles_polarity_metaphors_and_turns(title, polarity):
    assert title_polarity(title) == polarity


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        ("Chapter title (her words) -- 'Open Water'", ["Open Water"]),
        ("Name of this chapter = Slow Thaw.", ["Slow Thaw"]),
        ("Chapter exercise -> “Static”. Previous (Feb): “Freefall”.", ["Static", "Freefall"]),
        ("He said the old chapter was “Lockdown” and this one is “Open Doors”.", ["Lockdown", "Open Doors"]),
        (
            "Q: If your life were a book, what would this chapter be called? A: 'learning to swim'",
            ["learning to swim"],
        ),
        ("C: If it was a story, this part would be called The Long Road.", ["The Long Road"]),
        # a list of earlier titles by session, with a dash or session shorthand before each
        (
            "Chapters named so far: session 2 – “BURNT OUT”; session 6 – “The Quiet Months”.",
            ["BURNT OUT", "The Quiet Months"],
        ),
        (
            "Chapter titles so far: s1 ‘Drowning’; s4 ‘Treading Water’. ORS 15.8 → 29.1; SRS ≥ 36 at every session.",
            ["Drowning", "Treading Water"],
        ),
        ("In session 2 his title was “Going Through the Motions”.", ["Going Through the Motions"]),
        # a label at the start of a quoted message
        (
            "Text from pt: ‘ok so chapter title for this bit of my life: Getting My Bearings. dont laugh’",
            ["Getting My Bearings"],
        ),
        ("The book's title was “Quiet”.", []),
        # a research interview's turns, and a chapter referred to, not named
        (
            "Interviewer: If your life were a book, what would the chapters be?\n"
            "Participant: First one’s “Ordinary Kid”. Then “The Noise”, that’s when it started.",
            ["Ordinary Kid", "The Noise"],
        ),
        ("Interviewer: Which chapter are you in now?\nParticipant: That last one. I’m doing ok.", []),
        ("Prompt: “Name the chapter you’re in.” Renée said hers is “Unlocking Doors”.", ["Unlocking Doors"]),
    ],
)
def test_titles_odd_separators_and_answer_labels(rules, note, titles):
    assert titles_of(note, rules) == titles


@pytest.mark.parametrize(
    "note",
    [
        "C: The chapter's called “Holding On.” T: Did you? C: Just about.",
        "She is reading a book called 'Quiet' for her book club.",
    ],
)
def test_titles_answer_labels_need_a_prompt(rules, note):
    assert "Just about" not in titles_of(note, rules) and "Quiet" not in titles_of(note, rules)


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        # the answer after a prompt, with a speech verb or an "answer:" label (strict title shape)
        ('Life-story prompt repeated. Her answer: "Picking Up the Pieces."', ["Picking Up the Pieces"]),
        (
            'Asked, "If your life were a book, what would this chapter be called?" He paused, then said "Running Out of Road."',
            ["Running Out of Road"],
        ),
        ('If her story were a novel, she said, this part would be "The Quiet Before."', ["The Quiet Before"]),
        ('When I asked what this season of her life would be called, she said "Holding On."', ["Holding On"]),
        ('Asked the chapter question again. "The Calm After," he said.', ["The Calm After"]),
        # lists and follow-ons
        (
            'Previous chapter titles: "Rock Bottom" (Feb) and "Climbing" (Apr). Current: "Level Ground".',
            ["Rock Bottom", "Climbing", "Level Ground"],
        ),
        (
            'Life-story chapter today = "Still Standing" (was "Knocked Down" at intake).',
            ["Still Standing", "Knocked Down"],
        ),
        (
            'Her chapter name for the past month was "Fire Drills", because it is all emergencies.',
            ["Fire Drills"],
        ),
    ],
)
def test_titles_answers_after_a_prompt(rules, note, titles):
    assert titles_of(note, rules) == titles


@pytest.mark.parametrize(
    ("note", "not_title"),
    [
        # a quoted sentence near a prompt is not a title: the strict rules need a title's shape
        (
            'She named the chapter "Mum’s Illness" and said it was "neither good nor bad, just what it is."',
            "neither good nor bad, just what it is",
        ),
        (
            'Asked for a chapter title, he shrugged and said "Dunno. Same old, same old."',
            "Dunno. Same old, same old",
        ),
        ("Session title: Relapse prevention planning.", "Relapse prevention planning"),
    ],
)
def test_titles_answers_after_a_prompt_hard_negatives(rules, note, not_title):
    assert not_title not in titles_of(note, rules)


@pytest.mark.parametrize(
    ("title", "polarity"),
    [
        ("Thawing", "positive"),
        ("Green Shoots", "positive"),
        ("Frozen", "negative"),
        ("Out of Hibernation", "positive"),
    ],
)
def test_titles_polarity_growth_and_frozen_families(title, polarity):
    assert title_polarity(title) == polarity


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        # another group or family member's title is not the client's
        ('Group. K. titled his chapter "Rock Bottom." Client listened.', []),
        ('Mum titled her chapter "Chaos".', []),
        # a title given by the client, or framed without a person ("it could be called")
        ('She titled this chapter "Walking Forward."', ["Walking Forward"]),
        (
            'Chapter title: Surviving the Divorce. Client said it could also be called "Just Getting Through."',
            ["Surviving the Divorce", "Just Getting Through"],
        ),
    ],
)
def test_titles_of_other_people_are_left_out(extract, note, expected):
    assert [s.text for s in extract(note) if s.type == "chapter_title"] == expected


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        ("T: What would this chapter be called?\nC: Ugh. Maybe… 'Patchwork'? Bits of old me.", ["Patchwork"]),
        ("T: What's the chapter called?\nY.P.: Dunno. Chaos?", ["Chaos"]),
    ],
)
def test_titles_answers_after_fillers_and_young_person_labels(rules, note, titles):
    assert [note[m.start : m.end] for m in find_titles(note, rules)] == titles


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        (
            "Asked what he'd call the chapter he's in now. Pt: \"Bus Stop in the Rain. Waiting for something.\"",
            ["Bus Stop in the Rain"],
        ),
        ('Asked what she would call this chapter. Client: "Learning to Swim."', ["Learning to Swim"]),
        # a chapter that is not being named
        ('Discussed the book chapter on shame. Client: "I felt seen."', []),
    ],
)
def test_titles_labelled_answer_after_a_naming_prompt(rules, note, titles):
    assert [note[m.start : m.end] for m in find_titles(note, rules)] == titles


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        # chained connectors between titles of a sequence
        (
            "Her chapter titles so far – «Adrift», then «Treading Water», now «Ashore».",
            ["Adrift", "Treading Water", "Ashore"],
        ),
        (
            "Titles he has given his chapters: “Numb” (March), “Waking” (June), and today «Standing Up».",
            ["Numb", "Waking", "Standing Up"],
        ),
        # a chapter named by what it covers, and a second one without a verb
        (
            "He named the chapter of his twenties “The Lost Decade” and the current one “Rebuild”.",
            ["The Lost Decade", "Rebuild"],
        ),
        ("Chapter work. She called her story so far “Small Steps”.", ["Small Steps"]),
        # "the last one was ..." with an aside
        (
            "I’d call it ‘Finding Ground’. The last one, I suppose, was ‘Freefall’.",
            ["Finding Ground", "Freefall"],
        ),
        ("C: The last one was «Under Water». This one is better.", ["Under Water"]),
        # a bare title ended by a quotation or by the close of the quotation it sits in
        (
            "Asked about this chapter, he said he would title it Starting Over, “if that’s not too corny.”",
            ["Starting Over"],
        ),
        (
            "She said: “First I called my chapter Holding On; now I’d call it Letting Go.”",
            ["Holding On", "Letting Go"],
        ),
        # a label right after a closing guillemet
        ("«I am more than this.» Chapter title (review): Open Doors.", ["Open Doors"]),
        ("He described the current chapter of his life as “Back on My Feet”.", ["Back on My Feet"]),
        # an answer with a speaker label after a quoted prompt; a chat transcript without "?"
        ('Prompt: "If this were a chapter, what would you call it?" Pt: "The Long Wait."', ["The Long Wait"]),
        (
            'T> if this month was a chapter what would u call it\nC> lol ok. "coming up for air" maybe',
            ["coming up for air"],
        ),
    ],
)
def test_titles_sequences_asides_and_answer_turns(rules, note, titles):
    assert titles_of(note, rules) == titles


@pytest.mark.parametrize(
    "note",
    [
        "Chapter work in group. Another member named hers ‘Still Tired’.",  # another member's title
        "T: What would this chapter be called?\nC: Ugh. Not sure yet.",
        "C: The chapter’s a mess. T: Is it? C: Barely.",
    ],
)
def test_titles_sequences_hard_negatives(rules, note):
    assert titles_of(note, rules) == []


@pytest.mark.parametrize(
    ("title", "polarity"),
    [
        # taking the wheel, finding a voice, movement
        ("Behind the Wheel Again", "positive"),
        ("Ana Finds Her Voice", "positive"),
        ("The Long Climb", "positive"),
        # running empty, thrown in, shut in
        ("Running on Empty", "negative"),
        ("Thrown in the Deep End", "negative"),
        ("Four Walls and a Telly", "negative"),
        # "X, not (just) Y": the kept part against the denied one; "not just" means more than
        ("Thriving, Not Just Coping", "positive"),
        ("A Fighter, Not a Victim", "positive"),
    ],
)
def test_titles_polarity_metaphors_and_denials(title, polarity):
    assert title_polarity(title) == polarity


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        # a thing named with a noun phrase, and what follows it on the line
        (
            "At intake he titled his life “The Long Detour”; later he renamed it “Back on the Map”.",
            ["The Long Detour", "Back on the Map"],
        ),
        (
            "Chapter work: she called her thirties “Borrowed Rooms” and her fifties “A Key of My Own”.",
            ["Borrowed Rooms", "A Key of My Own"],
        ),
        (
            "Chapter exercise: he named the years after the accident «Glass Walls» and the current one «Opening Up».",
            ["Glass Walls", "Opening Up"],
        ),
        (
            "Chapter titles he gave: THE FARM; Boarding School; and, for now, “Finding Home.”",
            ["THE FARM", "Boarding School", "Finding Home"],
        ),
        (
            "Her chapter titles: start of therapy – NUMB; end of therapy – Feeling Again.",
            ["NUMB", "Feeling Again"],
        ),
        ("Early on he described the year as ‘The Endless Night’ in his chapter work.", ["The Endless Night"]),
        # a gloss between two titles, a second title offered instead of the first
        (
            "Asked for a chapter title, she said “Die Stil Jare” – the quiet years – and for now, “Wakker”.",
            ["Die Stil Jare", "Wakker"],
        ),
        (
            "T: What would this chapter be called?\nC: Honestly? “Holding On.” Or no – “Letting Go.”",
            ["Holding On", "Letting Go"],
        ),
        ("Pt: Chapter one is “Small Town Kid”.", ["Small Town Kid"]),
    ],
)
def test_titles_named_things_lists_and_glosses(rules, note, titles):
    assert titles_of(note, rules) == titles


@pytest.mark.parametrize(
    "note",
    [
        "Chapter work today. She called the problem “the Sneaky Voice” and drew it.",  # an externalised problem
        "Chapter work today. He called his dad “the Boss” when he was small.",  # a person named
        "Chapter work today. Mum said she is “a different girl” since the camp.",  # another speaker
    ],
)
def test_titles_named_things_hard_negatives(rules, note):
    assert titles_of(note, rules) == []


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        # periods of therapy before bare titles in a list
        (
            "Chapter titles over time: week 2 – Fog; week 8 – Clearing; today – Sunshine.",
            ["Fog", "Clearing", "Sunshine"],
        ),
        # "if I had to name it" is a hedge, not a condition on life events
        ("C: If I had to name this chapter, I’d name it… Adrift.", ["Adrift"]),
    ],
)
def test_titles_periods_and_hedges(rules, note, titles):
    assert titles_of(note, rules) == titles


@pytest.mark.parametrize(
    "note",
    [
        # a title only if something happens, or one someone else suggested
        "Chapter work. He says, “If I get the flat, the next chapter will be called ‘Home at Last’.”",
        "Chapter work. Therapist offered “Crossroads” as a title; she said it was not hers.",
        "Chapter work. When I suggested he might call this chapter “New Roots”, he shrugged.",
        # filler answers, a member's initials, a worksheet label, a named debt, a document heading
        "T: What would you call this chapter?\nC: Hm. Not sure.",
        "Group: members shared chapter titles. J.T. called hers “Smoke”.",
        "Chapter exercise skipped; thought record reviewed: the thought is labelled “Mind Reading”.",
        "Chapter work. She called the debt “the Anchor” because it drags her down.",
        "Title: Session 4 – Life Story Work.",
    ],
)
def test_titles_conditional_suggested_and_lookalikes_are_not_titles(rules, note):
    assert titles_of(note, rules) == []


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        (
            "T: Chapter work today. So what would you call it?\nC: Today? Slow Mornings. Yeah.",
            ["Slow Mornings"],
        ),
        ("C: That's her chapter about me. Mine is called Finding My Feet.", ["Finding My Feet"]),
        ("C: Nah. This chapter's called Holding Steady.", ["Holding Steady"]),
        # a sentence that ends inside a quotation does not run into the next
        (
            'Group chapter work. D.R.: "Late Nights." Client (Jo) titled hers "Early Mornings".',
            ["Early Mornings"],
        ),
    ],
)
def test_titles_mine_turns_and_quoted_sentence_ends(rules, note, titles):
    assert titles_of(note, rules) == titles


@pytest.mark.parametrize(
    "note",
    [
        "Chapter work. Her aunties call her “Madam Boss”.",  # a nickname, not a title
        "Group chapter work. A.K. titled her chapter “Nobody Asked”.",  # another member's
    ],
)
def test_titles_nicknames_and_members_are_not_titles(rules, note):
    assert titles_of(note, rules) == []


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        # periods without a dash before capitalised titles
        (
            "Chapter titles over time: session 1 THE PIT; session 6 Finding Air; session 12 Open Sky.",
            ["THE PIT", "Finding Air", "Open Sky"],
        ),
        ("Chapter titles: admission NO WAY OUT → week 6 Halfway There.", ["NO WAY OUT", "Halfway There"]),
        # "and, most recently", and a season named as a chapter
        (
            "Chapter work: she titled the chapters of her life “Farm Girl”, “City Lights” and, most recently, “Home Again”.",
            ["Farm Girl", "City Lights", "Home Again"],
        ),
        (
            "Chapter review: she had called the autumn «The Fog» and now calls this chapter «Clear Air».",
            ["The Fog", "Clear Air"],
        ),
    ],
)
def test_titles_periods_without_dashes_and_recent_titles(rules, note, titles):
    assert titles_of(note, rules) == titles


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        # the client's own title after turning down the therapist's suggestion
        (
            "Chapter work. I floated “The Long Haul”; he said, “No – Slow Mornings.” He has been walking.",
            ["Slow Mornings"],
        ),
        (
            "Asked for this chapter's title; I suggested ‘Holding On’. Client: “No. It’s more like Letting Go.”",
            ["Letting Go"],
        ),
        (
            "I wondered whether this chapter could be called ‘Back to Work’. She grinned: “Call it Fresh Start.”",
            ["Fresh Start"],
        ),
        (
            "We named chapters. I offered “Limbo” as a working title; she chose her own: Waiting Room.",
            ["Waiting Room"],
        ),
        # an answer given after a colon, once the chapter prompt has been asked
        (
            "Prompt: what would you title the chapter you are in? Dev wrote on the card: New Shoes.",
            ["New Shoes"],
        ),
        # a label followed by numbered items on its own line
        (
            "Chapters so far: 1. Quiet Kid 2. THE STORM 3. Finding Ground\nShe read them aloud.",
            ["Quiet Kid", "THE STORM", "Finding Ground"],
        ),
        # plural chapters named in one go, and a numbered chapter given a title label
        (
            "He has named the first two chapters of his life “The Farm” and “Leaving Home”.",
            ["The Farm", "Leaving Home"],
        ),
        (
            "Life review.\nChapter 2 title: Lights of Leeds\nCurrent chapter title: Still Dancing",
            ["Lights of Leeds", "Still Dancing"],
        ),
        (
            "Interviewer asked for chapters. Participant: Chapter one, “Pit Town”. Then “The Move”.",
            ["Pit Town", "The Move"],
        ),
    ],
)
def test_titles_counter_offers_colon_answers_and_inline_lists(rules, note, titles):
    assert titles_of(note, rules) == titles


@pytest.mark.parametrize(
    "note",
    [
        # a suggestion turned down without a new title, and a restated title
        "Chapter work. I suggested “Spring”; she said, “No. Still winter.”",
        # the therapist's own suggestion is not the client's title
        "I wondered aloud whether this chapter might be called “Turning Point”. She was not sure.",
        # a book's chapter, numbered items that are not titles, a document's title line
        "Homework: read chapter 4: Worry Time, in the workbook.",
        "Chapter work, goals: 1. sleep 2. walk to the shop",
        "Title: Individual Therapy Note – Session 4\nClient attended.",
        "Thread title: Anyone else feel this way?\nI can't sleep.",
        # a colon answer without any chapter prompt nearby
        "Client said: Much Better Today. Mood reported as improved.",
    ],
)
def test_titles_counter_offers_and_colon_answers_hard_negatives(rules, note):
    assert titles_of(note, rules) == []


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        # "it is" / "I think" answers, quoted or in capitals, and an earlier title "it was"
        ("You asked for a title for this chapter. I think «Back on Solid Ground».", ["Back on Solid Ground"]),
        ("Thought about a title for this chapter. It is BUILDING AGAIN. I signed up.", ["BUILDING AGAIN"]),
        ('Chapter check-in: its "slow going" lol', ["slow going"]),
        (
            "Chapter exercise. Now it's “Open Water”. Last month it was “The Harbour”.",
            ["Open Water", "The Harbour"],
        ),
    ],
)
def test_titles_it_is_answers_and_earlier_titles(rules, note, titles):
    assert titles_of(note, rules) == titles


@pytest.mark.parametrize(
    "note",
    [
        "Chapter work was brief today; she said it's “fine” and it is OK.",
        "Interviewer: Some people call that stretch “the wilderness years”. Would you?",
    ],
)
def test_titles_it_is_answers_hard_negatives(rules, note):
    assert titles_of(note, rules) == []


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        # "sess N" and bare "intake"/"discharge" before a title in a chapter label
        ("Chapter titles: sess 2 “Fog”, sess 10 “Open Road”.", ["Fog", "Open Road"]),
        ("Chapter titles: intake “ON HOLD”; discharge “Back at It”.", ["ON HOLD", "Back at It"]),
        # a filler with a dash, "I got one", a French prompt
        ("T: Got a name for this chapter yet?\nC: Yeah – “SLOW TIDE”. Honestly.", ["SLOW TIDE"]),
        ("T: What would you call this chapter?\nC: I got one. «half way».", ["half way"]),
        ("T: Si c’était un chapitre, what would you call it?\nC: «Le printemps».", ["Le printemps"]),
        # the chapter named with a relative clause between
        (
            "She named the chapter she was in at intake “Small Rooms” and the chapter she is in now “Wide Open”.",
            ["Small Rooms", "Wide Open"],
        ),
    ],
)
def test_titles_session_shorthand_fillers_and_relative_clauses(rules, note, titles):
    assert titles_of(note, rules) == titles


def test_titles_a_filler_that_is_not_an_answer_is_no_title(rules):
    assert titles_of("T: What would you call this chapter?\nC: Yeah - I got it off my mum.", rules) == []


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        (
            'Quarterly review. Chapter titles: Q1 "Heavy Going"; Q2 no title given; Q3 "Fresh Air".',
            ["Heavy Going", "Fresh Air"],
        ),
        (
            "The title he chose for this chapter of his life, Back on the Boat, sums up his return to fishing.",
            ["Back on the Boat"],
        ),
    ],
)
def test_titles_quarters_and_an_appositive_chosen_title(rules, note, titles):
    assert titles_of(note, rules) == titles


def test_titles_a_members_initials_are_no_title(rules):
    assert "J.T" not in " ".join(titles_of("Members shared chapter titles: J.T. called hers “Smoke”.", rules))


@pytest.mark.parametrize(
    "note",
    [
        "T: Could this chapter be «Recommencer»?\nC: Non, c’est trop tôt.",
        "Re your question about what I’d call this chapter – I’ve thought about it and I still don’t know.",
    ],
)
def test_titles_a_french_no_and_the_writer_going_on_are_no_titles(rules, note):
    assert titles_of(note, rules) == []


def test_titles_its_more_with_an_ellipsis_after_a_suggestion(rules):
    note = "Chapter work. T: Would “Out of the Fog” fit now?\nC: No, too neat. It’s more… Learning to Drive Again."
    assert titles_of(note, rules)[-1] == "Learning to Drive Again"


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        (
            "Her first chapter was “Cleaning Up After Everyone”, current chapter “Room of My Own”.",
            ["Cleaning Up After Everyone", "Room of My Own"],
        ),
        (
            "She said the chapter after her divorce is “Starting Over”, and the newest one is “Open Water”.",
            ["Starting Over", "Open Water"],
        ),
        (
            'He said this chapter would be "The Long Thaw" and the one before was "Frozen".',
            ["The Long Thaw", "Frozen"],
        ),
        ("C: Old chapter: Running on Empty.", ["Running on Empty"]),
        (
            "Six-month review. Life-story chapters given by the client so far:\n– Intake (March): “In the Dark”\n"
            "– Today: “Finding the Switch”",
            ["In the Dark", "Finding the Switch"],
        ),
    ],
)
def test_titles_ordinal_chapters_later_ones_and_dash_lists(rules, note, titles):
    assert titles_of(note, rules) == titles


def test_titles_the_chapter_about_something_needs_a_quoted_answer(rules):
    # "the chapter after X is" only introduces a title in quote marks, not any predicate
    assert titles_of("She said the chapter after her divorce is hard to talk about.", rules) == []


def test_titles_a_section_letter_before_the_chapter_label(rules):
    note = "DAP – sess 8.\nD: Chapter title: Learning the Language. Cl. has been speaking Portuguese at home."
    assert titles_of(note, rules) == ["Learning the Language"]


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        (
            "T: What was the last chapter, what’s it called?\nC: “Ghosting My Own Life.” Honestly.\n"
            "T: And this one?\nC: Maybe “Showing Up Late But Showing Up.”",
            ["Ghosting My Own Life", "Showing Up Late But Showing Up"],
        ),
        (
            "T: If this chapter had a title, what would it be?\nC: «Holding the Door Shut». I keep everyone out.\n"
            "T: And last spring?\nC: «Before».",
            ["Holding the Door Shut", "Before"],
        ),
        (
            "She titled the years with him “Walking on Eggshells” and this year “My Front Door Key”.",
            ["Walking on Eggshells", "My Front Door Key"],
        ),
        (
            "Chapter titles (life-story exercise): session 2 “The Wreckage”; final session “Back Behind the Wheel”.",
            ["The Wreckage", "Back Behind the Wheel"],
        ),
        # a follow-up question about something else, and "this year" with no title after it
        (
            "T: What would you call this chapter?\nC: The Long Winter.\nT: And how was work?\nC: Fine.",
            ["The Long Winter"],
        ),
        (
            "She titled the years with him “Walking on Eggshells” and this year she went to Spain.",
            ["Walking on Eggshells"],
        ),
    ],
)
def test_titles_follow_up_turns_and_listed_periods(text, titles, rules):
    assert [text[t.start : t.end] for t in find_titles(text, rules)] == titles


def test_titles_chapters_numbered_with_ch_abbreviation(rules):
    text = (
        "Chapter exercise (worksheet “My Recovery Story”): Ch. 1 “Twenty Years of Grog”; "
        "Ch. 2 “The Wake-Up Call”; Ch. 3 (now) “Back Behind the Wheel”."
    )
    found = [text[t.start : t.end] for t in find_titles(text, rules)]
    assert found == ["Twenty Years of Grog", "The Wake-Up Call", "Back Behind the Wheel"]


def test_titles_a_workbook_chapter_named_with_ch_is_not_a_life_chapter(rules):
    assert find_titles("She read ch. 3 “Anger and You” of the workbook.", rules) == []


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        (
            "Hello, about the title for this chapter of my life. I think it is “Heart Attack That Never Came”. "
            "Before I would say “Waiting For The Ambulance”.",
            ["Heart Attack That Never Came", "Waiting For The Ambulance"],
        ),
        (
            "T: Last time you said the chapter since the stroke had no name yet.\nAO: I have one now. “The Left Hand.”",
            ["The Left Hand"],
        ),
        (
            "When asked to title this chapter of his life he said he was “not a book man,” then offered “Extra Time.”",
            ["Extra Time"],
        ),
        ("I asked for a chapter title. She laughed, then offered me a biscuit.", []),
    ],
)
def test_titles_earlier_answers_a_title_had_by_now_and_a_later_offer(text, titles, rules):
    assert [text[t.start : t.end] for t in find_titles(text, rules)] == titles


def test_titles_a_chapters_worksheet_with_periods(rules):
    text = (
        "“Chapters of My Life” worksheet (homework): 1982–1996 “Good Girl”; 1996–2019 “The Long Starve”; "
        "2019–now “Mum First.” Could not think of a title for the next chapter."
    )
    assert [text[t.start : t.end] for t in find_titles(text, rules)] == [
        "Good Girl",
        "The Long Starve",
        "Mum First",
    ]


def test_titles_a_book_chapter_in_a_workbook_is_still_not_a_title(rules):
    assert find_titles("She read the chapter “Anger” in the CBT workbook.", rules) == []


def test_titles_a_named_persons_quoted_title_after_a_chapter_exercise_label(rules):
    text = (
        "Chapter exercise (each partner names the current chapter of the marriage): "
        "Priya – “Learning to Say No, Together.”"
    )
    assert [text[t.start : t.end] for t in find_titles(text, rules)] == ["Learning to Say No, Together"]


def test_titles_a_bare_label_title_still_ends_at_a_dash(rules):
    text = "Chapter title: Starting Over – she chose it herself."
    assert [text[t.start : t.end] for t in find_titles(text, rules)] == ["Starting Over"]


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        (
            "Life-story book: Edith has chosen chapter names. Childhood in Bradford: “Clogs and Cobbles.” "
            "Marriage: “Harold and Me.” Now: she hesitated.",
            ["Clogs and Cobbles", "Harold and Me"],
        ),
        # a section label or a speaker's turn after a title is not another period's title
        ("Chapter title: “The Fog.” Mood: “flat”, sleep poor.", ["The Fog"]),
        ("Final chapter title: «After». Client: “I’m a survivor.”", ["After"]),
    ],
)
def test_titles_period_labels_after_chapter_names(text, titles, rules):
    assert [text[t.start : t.end] for t in find_titles(text, rules)] == titles


def test_titles_a_refusal_is_not_a_title(rules):
    note = 'I asked if she could give this part of her life a name; she said "nah, not yet".'
    assert titles_of(note, rules) == []
    assert titles_of('Asked to name this part of her life, she said "Not Yet Written".', rules) == [
        "Not Yet Written"
    ]


def test_titles_numbered_chapters_of_a_life_story_sheet(rules):
    note = (
        "\u201cChapters of my life\u201d worksheet, completed at home.\n"
        "Chapter 1: Nana's House (0\u20139). Chapter 2: The Shouting Years (9\u201316). "
        "Chapter 4 (now): Learning to Stay.\n"
    )
    assert titles_of(note, rules) == ["Nana's House", "The Shouting Years", "Learning to Stay"]


def test_titles_a_single_numbered_chapter_or_a_workbook_chapter_is_not_enough(rules):
    assert titles_of("Life story work next week. Homework: read Chapter 3: Thinking Traps.", rules) == []


def test_titles_a_document_header_and_a_table_header_are_not_titles(rules):
    note = (
        "Title: Narrative Review \u2013 Session 12 (community mental health).\n"
        "Life chapters as named by the client:\nChapter\tTitle\tAges\n1\tThe Farm\t0\u201312\n"
        "2\tBoarding School Blues\t13\u201317\n"
    )
    assert titles_of(note, rules) == ["The Farm", "Boarding School Blues"]


def test_titles_then_it_was_follows_a_title(rules):
    note = 'Two years ago I would have called my life "Last Call". Then it was "Detox, Round Three".'
    assert titles_of(note, rules) == ["Last Call", "Detox, Round Three"]


def test_titles_ch_periods_with_an_age_range_and_a_lowercase_title(rules):
    note = (
        "Chapters of my life worksheet, completed at home:\n"
        "Ch 1 (0-11): The Farm\nCh 2 (12-16): Nobody's Kid\nCh 3 (17-now): learning to take up space\n"
    )
    assert titles_of(note, rules) == ["The Farm", "Nobody's Kid", "learning to take up space"]


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        ('Chapters exercise. Graham said no, his is "The Quiet House."', ["The Quiet House"]),
        (
            'Chapter ritual. Linda said hers is actually "Borrowed Time, Well Spent."',
            ["Borrowed Time, Well Spent"],
        ),
        ('Chapter work. She said the chapter before was "The Yes Years."', ["The Yes Years"]),
    ],
)
def test_titles_his_is_and_the_chapter_before(rules, note, titles):
    assert titles_of(note, rules) == titles


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        # another member's title told in a reported clause
        ('Group chapters exercise. Client: Chloe T.\nMia said hers would be "Invisible".', []),
        (
            'Group. Members titled their chapters. Client (Jasmine) titled hers "Learning to Drive". '
            'K.M. joked that his would be "Netflix and Naps."',
            ["Learning to Drive"],
        ),
        # the client's own
        (
            'Chapters exercise. Client: Graham T.\nGraham said no, his is "The Quiet House."',
            ["The Quiet House"],
        ),
    ],
)
def test_titles_of_other_members_in_a_reported_clause_are_left_out(extract, note, expected):
    assert [s.text for s in extract(note) if s.type == "chapter_title"] == expected


def test_titles_last_months_title_was(rules):
    note = 'Life-story exercise: he\'d call this chapter "Back in the Yard". Last month\'s title was "Perimeter".'
    assert titles_of(note, rules) == ["Back in the Yard", "Perimeter"]


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        # "before this one", "the part before", a lead-in naming the period, a speaker written by name
        (
            "Worker: What's this chapter called?\nC: Starting Over.\nWorker: And before this one?\nC: Dead Air. Nothing happened.",
            ["Starting Over", "Dead Air"],
        ),
        (
            "T: If this year were a chapter, what's it called?\nC: “Open Water.”\nT: And the bit before?\n"
            "C: Ugh. “Sinking.” Not a good time.",
            ["Open Water", "Sinking"],
        ),
        (
            "T: What's the chapter called?\nC: The Thaw.\nT: And before that?\nC: Oh, before that was just Frozen Solid. Yeah.",
            ["The Thaw", "Frozen Solid"],
        ),
        (
            "T: What's the chapter called?\nR: “Dry Land.”\nT: What would the next one be?\nR: Maybe “Open Sea”.",
            ["Dry Land", "Open Sea"],
        ),
        (
            "T: Last time the chapter was “The Cellar.”\nK: There's a new bit though.\n"
            "T: What would you call the new bit?\nK: Daylight. Finally.",
            ["The Cellar", "Daylight"],
        ),
    ],
)
def test_titles_follow_up_questions_about_the_part_before_or_the_next_one(text, titles, rules):
    assert [text[t.start : t.end] for t in find_titles(text, rules)] == titles


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        # the prompt names "this part of your life"; the answer's speaker is a student or a person by name
        (
            "Counsellor: What would you call this part of your life?\nMr Okafor: “Second Wind.” Truly.",
            ["Second Wind"],
        ),
        ("T: If we called this bit of your life something, what would it be?\nC: Thaw. It's slow.", ["Thaw"]),
        ("Counselor: What's this chapter called?\nStudent: “Plan B.” Basically.", ["Plan B"]),
        # "Kind of?" answers whether the old title still fits: it is no title
        ("T: Does the old chapter title still fit?\nC: Kind of? Not sure.", []),
    ],
)
def test_titles_a_prompt_about_this_part_of_your_life_answered_by_a_named_speaker(text, titles, rules):
    assert [text[t.start : t.end] for t in find_titles(text, rules)] == titles


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        # a title written in capitals after a naming verb, near a chapter prompt
        (
            "Asked for a chapter title, he wrote, in big letters on the sheet, NOT DONE YET. He grinned.",
            ["NOT DONE YET"],
        ),
        ("For the exercise: my chapter is LA RENAISSANCE. Bit grand.", ["LA RENAISSANCE"]),
        (
            "Chapter title: she first wrote THE YEAR I HID, crossed it out, and wrote THE YEAR I SHOWED UP.",
            ["THE YEAR I HID", "THE YEAR I SHOWED UP"],
        ),
        # an acronym is no title
        ("Chapter work continued. She said she goes to TAFE twice a week and saw her GP.", []),
    ],
)
def test_titles_written_in_capitals_after_a_naming_verb(text, titles, rules):
    assert [text[t.start : t.end] for t in find_titles(text, rules)] == titles


def test_titles_a_third_bare_title_in_an_arrow_chain(rules):
    text = "Chapter titles over the year: Lost at Sea → Sighting Land → Ashore (now)."
    assert titles_of(text, rules) == ["Lost at Sea", "Sighting Land", "Ashore"]
    text = "Chapter titles: intake Frozen → week 6 Thawing → discharge Spring Again. Mood: better."
    assert titles_of(text, rules) == ["Frozen", "Thawing", "Spring Again"]


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        # a second quoted title in the sentence of a found one, told as the one before, after or renamed
        (
            "Chapter work: at intake she called this chapter “Frozen” (stuck) and at discharge “Thaw” (moving).",
            ["Frozen", "Thaw"],
        ),
        (
            "We did the chapter prompt. He began with “Lost Cause” and by the end had renamed it “Work in Progress”.",
            ["Lost Cause", "Work in Progress"],
        ),
        (
            "Chapter exercise: she said it's “Night Shift” but she wants the next one to be “Day Off”.",
            ["Night Shift", "Day Off"],
        ),
        # no cue between the two, a lower-case quotation, a memoir's title: no second title
        (
            "Chapter exercise: she named it “Night Shift” because she “never sees daylight”.",
            ["Night Shift"],
        ),
        (
            "He mentioned the memoir “Educated” and said his own chapter would be called “Schooled, Finally”.",
            ["Schooled, Finally"],
        ),
    ],
)
def test_titles_a_second_quoted_title_told_as_the_one_before_or_after(text, titles, rules):
    assert titles_of(text, rules) == titles


@pytest.mark.parametrize(
    "text",
    [
        "Title: DAP Note – Couples Follow-up\nD: Client said she feels “stuck” this chapter of the year.",
        "Plan: increase sertraline. Title: Medication Review – Six-Monthly.",
        "Title: Life Chapters Review\nClient could not name her chapter this week.",
        "Title: 10-Session Review – Adult CBT (Leeds)\nChapter work paused.",
    ],
)
def test_titles_a_document_title_naming_a_review_or_a_dap_note_is_no_chapter_title(text, rules):
    assert titles_of(text, rules) == []


def test_titles_a_chapter_title_label_is_kept_beside_the_review_rule(rules):
    assert titles_of("Chapter title at review: Back on My Feet.", rules) == ["Back on My Feet"]


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        # a relative's or the facilitator's own name for the period is not the client's title
        ("Chapter work. Her dad titled this year “The Year She Came Home”.", []),
        ("T: And the chapter before?\nC: Don't know. My ex called that whole period “your meltdown.”", []),
        (
            "Group chapter exercise. Sam called his “Fresh Start”. Facilitator joked that hers would be “More Tea”.",
            ["Fresh Start"],
        ),
    ],
)
def test_titles_a_relatives_or_the_facilitators_own_name_for_the_period_is_left_out(text, titles, rules):
    assert titles_of(text, rules) == titles


# Chapter titles a speaker lists aloud without quote marks (life-story interviews, oral
# histories), and numbered titles under a survey's chapter prompt.


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        (
            "Interviewer: If your life were a book, what would the chapters be?\n"
            "P: The first chapter is Girl by the Lake. The second, The Diagnosis. The third I call Hiding. "
            "Now this one is Living Positive.",
            ["Girl by the Lake", "The Diagnosis", "Hiding", "Living Positive"],
        ),
        (
            "INTERVIEWER: Your life has chapters. Can you name them?\n"
            "NARRATOR: Okay. One, Barefoot in Samar. Two, Maid in Hong Kong — that one is twelve years. "
            "Three, the Lonely Years. Four, now, Lola Comes Home.",
            ["Barefoot in Samar", "Maid in Hong Kong", "the Lonely Years", "Lola Comes Home"],
        ),
        (
            "If you named the chapters of your life?\nRay: Chapter two, Sandbox. Chapter three is the bad one.",
            ["Sandbox"],
        ),
        ("Chapters of his life: well, the first one is The Farm, no question.", ["The Farm"]),
    ],
)
def test_spoken_ordinal_titles(note, titles, rules):
    assert titles_of(note, rules) == titles


@pytest.mark.parametrize(
    "note",
    [
        # no chapter exercise in the note: an ordinal is no title
        "Two, I went home. The first one is Dr Patel, then the nurse.",
        # a sentence after the ordinal, not a title
        "Asked about the chapters of her life. The first is I was lost and nobody came looking for me at all.",
    ],
)
def test_spoken_ordinals_that_are_not_titles(note, rules):
    assert titles_of(note, rules) == []


def test_numbered_titles_under_a_survey_prompt(rules):
    note = (
        'Respondent JM-118. Item 4: "Name up to three chapters of your life so far."\n'
        '1. "Yaad"\n2. Babylon (London, the drugs years)\n3. reborn\n'
        'Item 5: "Anything else?" — I walked in.'
    )
    assert titles_of(note, rules) == ["Yaad", "Babylon", "reborn"]


def test_a_chapter_prompt_without_numbered_items_lists_nothing(rules):
    note = "Asked her to name the chapters of her life.\nMood low. Sleep poor."
    assert titles_of(note, rules) == []


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        # "that" / "the earlier" chapter, and a numbered chapter still to come
        ('Letter to my younger self: that chapter was "Nobody Notices".', ["Nobody Notices"]),
        ("Chapter work. The earlier chapter was “Shrinking.”", ["Shrinking"]),
        (
            'Chapter Two is "After", and I hate it. Maybe Chapter Three will be "Still Here".',
            ["After", "Still Here"],
        ),
    ],
)
def test_titles_that_earlier_and_future_numbered_chapters(rules, note, titles):
    assert titles_of(note, rules) == titles


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        # a prompt line (a question, or a "prompt" / "task" label) and the answer labelled with a
        # name or "Response:" on the next line
        (
            "Prompt: if your life were a book, what would this chapter be called?\nMargaret: “After Jim.”",
            ["After Jim"],
        ),
        (
            "Prompt 2: What would you call the chapter you are in now?\nSiobhan: Starting From Scratch at 45",
            ["Starting From Scratch at 45"],
        ),
        (
            'Life story prompt: "What is the title of the chapter you\'re in?"\nResponse: the one where I stop waiting',
            ["the one where I stop waiting"],
        ),
        ("I: Life-chapter prompt, what is this chapter called?\nR: Client answered 'Parked.'", ["Parked"]),
    ],
)
def test_titles_answer_labelled_under_a_prompt_line(rules, note, titles):
    assert titles_of(note, rules) == titles


@pytest.mark.parametrize(
    "note",
    [
        # a deferred answer, and a group member's answer to the facilitator's turn
        'I: Asked what she would call this chapter.\nR: She said "not yet, maybe after the conference."',
        "F: If this chapter of your life had a title, what would it be?\nBill: “Half a Man”. That’s me.",
    ],
)
def test_titles_answer_labelled_under_a_prompt_line_hard_negatives(rules, note):
    assert titles_of(note, rules) == []


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        # the client writing or adding a title after the chapter prompt
        (
            "Chapter titles so far: “BURNT OUT”, “The Quiet Months”. Today he added “Dad Again”.",
            ["BURNT OUT", "The Quiet Months", "Dad Again"],
        ),
        (
            "Life-chapters session. Corinne wrote «Dry January (the long one)».",
            ["Dry January (the long one)"],
        ),
        # another member's (initials), a lower-case note by someone else, a retraction
        ('Members wrote a title for "the chapter since". L. wrote "Empty Arms".', []),
        ('Chapter exercise skipped. Her health visitor wrote "doing well" in the red book.', []),
    ],
)
def test_titles_written_or_added_after_a_prompt(rules, note, titles):
    assert titles_of(note, rules) == titles


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        # the client repeating the therapist's suggestion in their reply: the repetition is the title
        (
            'When I offered "After Ted" as a possible name for this part of her life, she smiled and said, '
            '"Yes. After Ted. That\'s exactly it."',
            ["After Ted"],
        ),
        (
            "I offered “Opening the Curtains” as a chapter title. She tried it – “Opening the Curtains. Yeah.”",
            ["Opening the Curtains"],
        ),
        # turned down before the repetition
        (
            "I offered “Opening the Curtains” as a chapter title. She said, “No, not Opening the Curtains.”",
            [],
        ),
    ],
)
def test_titles_a_suggestion_the_client_takes_up(rules, note, titles):
    found = [(note[t.start : t.end], t.start) for t in find_titles(note, rules)]
    assert found == [(t, note.rindex(t)) for t in titles]  # (the mention in the client's reply)


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        # a gloss after a dash is no second title; a title after a dash still is
        (
            'Asked how she\'d name this part of her life, she said "Paddling Like Mad" — "like a duck, calm on top".',
            ["Paddling Like Mad"],
        ),
        (
            "Life-chapter task. Cl. called the last two years «La Sombra» (the shadow). For this year she said: "
            "«Todavía aquí» – “still here.”",
            ["La Sombra", "Todavía aquí"],
        ),
        (
            'Asked to title this chapter, he said "Dry Dock" – "I\'m being repaired, not scrapped."',
            ["Dry Dock"],
        ),
        ("Chapter titles: “Fog” – “Clear Skies”.", ["Fog", "Clear Skies"]),
    ],
)
def test_titles_a_gloss_after_a_dash_is_not_a_title(rules, note, titles):
    assert titles_of(note, rules) == titles


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        # a later sentence of the line that opens with a cue of time gives the title before or after
        (
            "Task: name the chapter you're in. Grace: \"Honestly? 'Negotiating with the Monster'. "
            "Last month it would've been 'The Monster Wins'.\"",
            ["Negotiating with the Monster", "The Monster Wins"],
        ),
        (
            'T: So what\'s this chapter called?\nC: "Ar Goll". That was January. Now... "Ffeindio\'r Ffordd".',
            ["Ar Goll", "Ffeindio'r Ffordd"],
        ),
        # a hope for next year is no title; a later line is another turn
        (
            'Q: What\'s the chapter called?\nA: "Surviving, Not Living". Maybe next year it\'s just "Living".',
            ["Surviving, Not Living"],
        ),
    ],
)
def test_titles_in_a_later_sentence_that_opens_with_a_time_cue(rules, note, titles):
    assert titles_of(note, rules) == titles


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        # chapter context without the word "chapter": a working title, naming "this period", a
        # life told as a book, a title asked about in a question
        (
            "I suggested “The Long Winter” as a working title for last year; client did not like it and "
            "chose her own: Hibernation.",
            ["Hibernation"],
        ),
        (
            'Dear Anna, when I first came I told you my life was a book called "Everyone Else\'s Needs".',
            ["Everyone Else's Needs"],
        ),
        (
            "Therapist: You keep saying “finding your feet.” Could that be the title?\nClient: Finding My Feet. Yeah.",
            ["Finding My Feet"],
        ),
        # naming this period, but the grandmother's name for it
        (
            "Asked Tama to name this time in his life. His nan said she calls it “the year the boy came home.”",
            [],
        ),
    ],
)
def test_titles_context_without_the_word_chapter(rules, note, titles):
    assert titles_of(note, rules) == titles


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        # "Chapters she named:" over a list, and a numbered list a line after the chapters are mentioned
        (
            'Chapters she named:\n1. "Kauri Road" – growing up on the farm.\n2. "The Teaching Years"\n4. Now: "Tidying Up"',
            ["Kauri Road", "The Teaching Years", "Tidying Up"],
        ),
        (
            'Email from client, subject "the chapters homework":\nHi Eimear, here\'s my go at it.\n'
            "1. Before (up to 2015)\n2. The Accident\n3. Now: still working on the title.",
            ["Before", "The Accident"],
        ),
    ],
)
def test_titles_listed_under_a_line_about_the_chapters(rules, note, titles):
    assert titles_of(note, rules) == titles


@pytest.mark.parametrize(
    "note",
    [
        # a quoted prompt, a clause opening with "if", a reply that is no title, a title not given,
        # a title nearly said
        'I: Life-chapter prompt: "what is this chapter called?"',
        "Asked what this term would be called if it were a chapter, he said he “has no idea, maybe ask me in June.”",
        "T: Sounds like it matters what you call this chapter?\nC: It does.",
        "We discussed her life story; she did not want to give this period a title (“Oh, I wouldn’t know”).",
        "My therapist asked what I’d call this chapter. I nearly said “Damaged Goods” out of habit.",
    ],
)
def test_titles_prompts_replies_and_titles_not_given_are_not_titles(rules, note):
    assert titles_of(note, rules) == []


@pytest.mark.parametrize(
    "note",
    [
        # another patient's chapter, a title only if something ever happens
        "Prompt: name the chapter you are in. Pt named hers first. Another pt called his chapter “Meds and More Meds.”",
        "Life Chapters Interview. He said if he ever got sober he’d title it “The Sequel.”",
    ],
)
def test_titles_another_patients_and_if_ever_titles_are_not_titles(rules, note):
    assert titles_of(note, rules) == []


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        # dictated notes spell the quotation marks out
        (
            "did the life chapters exercise he called the last two years quote the blackout years unquote and "
            "this chapter he's calling quote day one hundred and twelve end quote",
            ["the blackout years", "day one hundred and twelve"],
        ),
        ("life chapters again she said quote I don't know unquote", []),  # no naming verb before it
    ],
)
def test_titles_dictated_quote_unquote(rules, note, titles):
    assert titles_of(note, rules) == titles


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        # bare titles after a period as the subject, and after "the chapter starting now"
        (
            "Asked the life-chapter question. Client said the last few years would be called Holding My Breath, "
            "and that the chapter starting now is Exhale.",
            ["Holding My Breath", "Exhale"],
        ),
    ],
)
def test_titles_bare_after_a_period_or_the_chapter_starting_now(rules, note, titles):
    assert titles_of(note, rules) == titles


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        # the client's own title after the therapist's suggestion, "would rather call it"
        (
            'I wondered whether this chapter might be called "Finding My Seat at the Table", and you said '
            'you\'d rather call it "Allowed to Be Here".',
            ["Allowed to Be Here"],
        ),
        ("I suggested a chapter title; she would rather call it Slow Burn.", ["Slow Burn"]),
    ],
)
def test_titles_would_rather_call_it(rules, note, titles):
    assert titles_of(note, rules) == titles


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        # a title field after a time label in running text
        (
            "Life-chapter prompt revisited. At intake her title was “Collateral Damage.” Today: Title: Salvage Yard.",
            ["Collateral Damage", "Salvage Yard"],
        ),
    ],
)
def test_titles_field_after_a_time_label(rules, note, titles):
    assert titles_of(note, rules) == titles


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        # the answer after a question about the chapters (plural), and after "idk."
        (
            '"Q: If your life were a book, what would the chapters be? A: The War Baby Years. Nursing."',
            ["The War Baby Years"],
        ),
        (
            "Q7. If your life were a book, what would the current chapter be called? — idk. 'Static'?",
            ["Static"],
        ),
    ],
)
def test_titles_after_a_question_about_the_chapters(rules, note, titles):
    assert titles_of(note, rules) == titles


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        # a quoted prompt is followed by the note's own words, not by an answer
        (
            "Wk 6 exercise: “If your life were a book, what would this chapter be called?” Note for Ines only.",
            [],
        ),
        ("If your life were a book, what would this chapter be called? Slow Thaw.", ["Slow Thaw"]),
    ],
)
def test_titles_no_bare_answer_right_after_a_quoted_prompt(rules, note, titles):
    assert titles_of(note, rules) == titles


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        # the prompt's own clause before the speaker's name, and a comment on a title
        (
            'Chapter exercise. Asked to name this chapter of his life, Arjun (16) said, "Coaching Class Prisoner."',
            ["Coaching Class Prisoner"],
        ),
        (
            'A typed "book of my life" contents page:\nPart One – Papa\'s Shop\nPart Two – The Silent House\n'
            "She said of the last title: "
            '"I finally say what I think."',
            ["Papa's Shop", "The Silent House"],
        ),
    ],
)
def test_titles_prompt_clauses_and_comments_on_a_title_are_not_titles(rules, note, titles):
    assert titles_of(note, rules) == titles


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        # "this one was" / "the third is" before a lower-case quotation: a comment, not a title
        (
            'Headlines for this year: "Local Woman Quits"; "Area Mom Fine". She said the third is "the truest".',
            [],
        ),
        ('Chapters she named:\n1. "After Colin" – she said this one was "grey, just grey."', ["After Colin"]),
        ("Chapter work. She said the next one is “Grey Skies.”", ["Grey Skies"]),
    ],
)
def test_titles_ordinal_is_needs_a_capitalised_title(rules, note, titles):
    assert titles_of(note, rules) == titles


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        # the client answers the prompt in its own conditional frame
        ('If I were to title this chapter it would be "Learning to Move".', ["Learning to Move"]),
        ("If I had to name this chapter of my life now, I'd call it Walking Forward.", ["Walking Forward"]),
        ("She said if she had to title this chapter, it would be “Still Standing.”", ["Still Standing"]),
        # still no title: one that only holds if something happens, and a plain counterfactual
        ('If I get the job, the next chapter will be called "Fresh Start".', []),
        ("If I were braver I would have left him.", []),
    ],
)
def test_titles_conditional_frame_of_the_answer(rules, note, titles):
    assert titles_of(note, rules) == titles


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        # an inline numbered list of titles: each number separates the next title
        (
            "Titles she has given her life chapters:\n"
            '1) "Mammy\'s Girl" (childhood) 2) "The Quiet Years" (marriage) 3) "After" (since Tom died).',
            ["Mammy's Girl", "The Quiet Years", "After"],
        ),
        # a slash-separated list with session labels
        (
            "Chapter titles across treatment (client's own): s1 'Invisible Girl' / s10 'Peeking Out' / "
            "s20 'Taking Up Space'.",
            ["Invisible Girl", "Peeking Out", "Taking Up Space"],
        ),
        # "Chapter two" with a filler word before the title
        (
            'C: Okay. Chapter one, "Small Town Kid". Chapter two, um, "The Lost Years" - that\'s the drinking.',
            ["Small Town Kid", "The Lost Years"],
        ),
    ],
)
def test_titles_list_separators(rules, note, titles):
    assert titles_of(note, rules) == titles


@pytest.mark.parametrize(
    "note",
    [
        'She listed her goals: 1) "get a job" 2) "see friends".',
        'Her favourite books are "Beloved" / "Jazz".',
    ],
)
def test_titles_list_separators_need_a_title_first(rules, note):
    assert titles_of(note, rules) == []


def test_titles_label_tab_rows_under_a_list_header(rules):
    # a header with a parenthesis, then rows of a period label, a tab and the title
    note = (
        'Chapter titles (client asked each quarter "what would you call this chapter?"):\n'
        "Q1\tThe Bunker\nQ2\tCracks of Light\n"
        'Q3\tno title - "can\'t think of one, ask me next time"\n'
        "Indicators:\nMood\tno change\tLow most mornings."
    )
    assert titles_of(note, rules) == ["The Bunker", "Cracks of Light"]


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        # an earlier title after the current one: "last review it was "Y"" (title.was_now)
        (
            'Asked for a chapter title. She said "Treading Water". Last review it was "Going Under".',
            ["Treading Water", "Going Under"],
        ),
        # "couldn't think of one" after a semicolon is about this time, not the title before it
        (
            'Asked again for a chapter title. Last time Sione called it "Stuck on the Bench"; this time '
            "he could not think of one.",
            ["Stuck on the Bench"],
        ),
    ],
)
def test_titles_earlier_title_forms(rules, note, titles):
    assert titles_of(note, rules) == titles


@pytest.mark.parametrize(
    "note",
    [
        'Chapter title: "Treading Water". Now it is a bit better.',
        'Chapter title: "Treading Water". Last session it was hard to talk about.',
    ],
)
def test_titles_it_was_needs_a_quoted_title(rules, note):
    assert titles_of(note, rules) == ["Treading Water"]


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        # an earlier chapter described after the current one ("the chapter before as ...")
        (
            'Members shared chapter titles. Harold called his "The Allotment Years". He described the '
            'chapter before as "Dark Days" after his stroke.',
            ["The Allotment Years", "Dark Days"],
        ),
        # "last review it was" after an answer to a chapter prompt (title.it_was_before)
        (
            "Chapter prompt: asked what she'd call this part of her life. She laughed: \"Honestly? Faking "
            'It Till I Make It." Last review it was "Treading Water".',
            ["Treading Water"],
        ),
        # an interpreter's or translator's aside between the verb and the title
        (
            "Asked to give this part of his life a title, he said (interpreter's rendering) “The Long "
            "Road,” and the previous chapter “Silence.”",
            ["The Long Road", "Silence"],
        ),
    ],
)
def test_titles_earlier_chapters_and_asides(rules, note, titles):
    assert titles_of(note, rules) == titles


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        # dictated notes: punctuation spoken as words ends an unquoted, lower-case title
        (
            "we did the book chapter activity and she called this chapter of her life the invisible year "
            "lowercase she wanted it that way",
            ["the invisible year"],
        ),
        (
            "dictated session ten client said this chapter she has called it the year of saying no comma "
            "she said that is a good thing",
            ["the year of saying no"],
        ),
        (
            "asked client what she would call this chapter she laughed and said actually call it getting "
            "out of the fog full stop",
            ["getting out of the fog"],
        ),
    ],
)
def test_titles_dictated_without_quotes(rules, note, titles):
    assert titles_of(note, rules) == titles


@pytest.mark.parametrize(
    "note",
    [
        # no chapter context: a dictated "called it" is not a title
        "client said her boss called it a waste of time full stop she was upset",
        # a nickname, not a chapter ("called him the big man comma")
        "chapter work next time she said her brother called him the big man comma",
    ],
)
def test_titles_dictated_hard_negatives(rules, note):
    assert titles_of(note, rules) == []


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        # a numbered answer on the line after a prompt that asks for chapters, behind a speaker label
        (
            "Prompt 1: Name three chapters of your life so far.\n"
            "Siobhan: 1. Wee Girl in a Big House 2. The Marriage Years 3. Getting Out\n",
            ["Wee Girl in a Big House", "The Marriage Years", "Getting Out"],
        ),
        # an arrow between a list item's period label and its title
        (
            "Chapter titles so far (from the life-story exercise):\n"
            "Mar: DROWNING\nSep → “the boring bit (in a good way)”\n",
            ["DROWNING", "the boring bit (in a good way)"],
        ),
    ],
)
def test_titles_lists_after_prompts_and_arrows(rules, note, titles):
    assert titles_of(note, rules) == titles


def test_titles_numbered_goals_after_a_prompt_are_not_titles(rules):
    # a numbered answer of lower-case items is a list of goals or steps, not of titles
    note = "Prompt: what would help in the next chapters of therapy?\nClient: 1. sleep more 2. walk daily\n"
    assert titles_of(note, rules) == []


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        # "New one:" on the line after a chapter label: the next title, bare or quoted
        (
            "C: Old chapter: Hiding in Plain Sight.\nC: New one: Taking Up Room.",
            ["Hiding in Plain Sight", "Taking Up Room"],
        ),
        ("Chapter title at intake: “Lost”\nThis one: “Finding My Feet”", ["Lost", "Finding My Feet"]),
    ],
)
def test_titles_one_label_after_a_chapter_label(rules, note, titles):
    assert titles_of(note, rules) == titles


@pytest.mark.parametrize(
    "note",
    [
        "Life-story chapter work. Homework sheets handed out.\nNext one: Week 6 - values.",
        "Chapter exercise. Session plan.\nLast one: DNA.",
    ],
)
def test_titles_one_label_needs_a_chapter_label_above(rules, note):
    assert titles_of(note, rules) == []


@pytest.mark.parametrize(
    "note",
    [
        # a problem externalised, then named: the name is the problem's, not a chapter's
        "Life-story chapters next week. Externalising conversation: Zainab drew the worry as a purple blob "
        "and named it “Mr Wobble”.",
        "Chapter work paused. We continued naming the problem. Ama calls it “the Judge.”",
        "Chapter exercise later. 'Passengers on the Bus' metaphor; members named their passengers. Ray went "
        "first. Gloria named hers 'Sergeant Doubt'.",
    ],
)
def test_titles_externalised_problem_names_are_left_out(rules, note):
    assert titles_of(note, rules) == []


def test_titles_after_an_externalised_name_are_kept(rules):
    note = (
        "Externalising the problem: she named it “The Bully”. Her chapter title this week: “Fighting Back”."
    )
    assert titles_of(note, rules) == ["Fighting Back"]


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        # earlier titles named in the sentence that says there is none for now: the clause after "but"
        (
            'We used the chapters of your life exercise. She named the early ones "Growing Up in Parramatta" '
            'and "The Nursing Years" but said she couldn\'t think of a title for this chapter yet.',
            ["Growing Up in Parramatta", "The Nursing Years"],
        ),
        # a client named by honorific and initial ("Mr D.") is not another member's initials
        (
            'In the life-chapter exercise, Mr D. titled the hospital years "Locked Up in My Own Head" and the '
            'current chapter "Day Passes".',
            ["Locked Up in My Own Head", "Day Passes"],
        ),
    ],
)
def test_titles_earlier_titles_and_named_clients(rules, note, titles):
    assert titles_of(note, rules) == titles


@pytest.mark.parametrize(
    "note",
    [
        "Chapter work. She couldn't think of a title, but said she would try again next week.",
        'Life-chapter exercise. R. titled the hospital years "Locked Up". Client passed.',  # another member
        'Chapter work: she could not think of a title for the chapter "The Wait" was her mother\'s.',
    ],
)
def test_titles_no_title_and_other_members_stay_out(rules, note):
    assert titles_of(note, rules) == []


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        # a list after a label naming chapters in the plural: its items
        (
            "Pt listed her chapters: CHILDHOOD IN LAGOS, THE MOVE, NIGHT SHIFTS, and for now “nothing yet”.",
            ["CHILDHOOD IN LAGOS", "THE MOVE", "NIGHT SHIFTS"],
        ),
        ("Chapter titles so far: s1 The Rules, s10 Loosening Grip.", ["The Rules", "Loosening Grip"]),
        (
            "Chapter titles so far, in his words: LOCKED UP and, for now, STILL HERE.",
            ["LOCKED UP", "STILL HERE"],
        ),
        # one title with a comma or "and" stays whole
        ("Chapter titles so far: First Year, Again.", ["First Year, Again"]),
        ("Chapter titles: Salt and Pepper, Mostly.", ["Salt and Pepper, Mostly"]),
        ("Chapter title: Slowly, Slowly, Rising.", ["Slowly, Slowly, Rising"]),
    ],
)
def test_titles_list_after_a_plural_chapter_label(rules, note, titles):
    assert titles_of(note, rules) == titles


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        # a possessor's title at a time ("Client's chapter title at session 1 was ...")
        (
            "Client’s chapter title at session 1 was “Paiseh Everything” (“sorry for everything”); today she "
            "called it “Can Lah”.",
            ["Paiseh Everything", "Can Lah"],
        ),
        # a period named by a longer phrase ("the years after the mill closed")
        (
            'Asked what the chapters of her life would be called. She called the years after the mill closed "Making Do".',
            ["Making Do"],
        ),
    ],
)
def test_titles_possessor_title_and_long_period(rules, note, titles):
    assert titles_of(note, rules) == titles


def test_titles_reply_to_a_prompt_for_this_part(rules):
    # the prompt names "this part" of life through a film with a named industry ("Nollywood film")
    note = (
        'Asked "If your life were a Nollywood film, what would this part be called?", she laughed and said '
        '"Still Standing". She asked me, "Is it wrong to want more children?"'
    )
    assert titles_of(note, rules) == ["Still Standing"]
