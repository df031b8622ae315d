"""The demo content in Scottish Gaelic, made through wagtail-localize as an editor would (issue 15).

Each page below is translated with wagtail-localize's own records (a TranslationSource, a Translation
and one StringTranslation per segment), so editors open it in the translation editor to review or
change it. The Gaelic was written by the Hub's team, not by a fluent speaker: it AWAITS REVIEW BY A
FLUENT GAELIC SPEAKER before a live site uses it (docs/translation.md says how to review it).

The pages: the home page, the About page, one guide, one case study, and the first stage of "Ready to
co-produce" with its steps (and the index and pathway pages above them, which a translated page needs).
The readiness areas' names are translated the same way (their level names are in the interface catalogue).
"""

from django.conf import settings
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from demo.discussion_content import DISCUSSION_QUESTIONS
from learning.readiness.models import ReadinessDomain

GAELIC = "gd"
TOOL_NAME = "Hub demo (awaits review by a fluent speaker)"


def _questions(title, gaelic):
    """A step's discussion questions, one passage with a line break between questions, and their Gaelic."""
    return {"<br/>".join(DISCUSSION_QUESTIONS[title]): "<br/>".join(gaelic)}


# English page slug -> {English text: Gaelic text}, parents before children.
PAGES = {
    "home": {
        "Co-production Hub": "Ionad Co-riochdachaidh",
        "home": "dachaigh",
        "Work with public services as equals": "Obraichibh còmhla ri seirbheisean poblach mar cho-ionannan",
        "Practical guides, real stories and step-by-step pathways that help community groups build their "
        "confidence, show they are ready, and take an equal seat at the table.": (
            "Stiùiridhean practaigeach, fìor sgeulachdan agus slighean ceum air cheum a chuidicheas buidhnean "
            "coimhearsnachd gus am misneachd a thogail, sealltainn gu bheil iad deiseil, agus àite co-ionann a "
            "ghabhail aig a' bhòrd."
        ),
        "Find out how the Hub works": "Faigh a-mach mar a tha an t-Ionad ag obair",
        "What is co-production?": "Dè a th' ann an co-riochdachadh?",
        "Co-production means the people who use a public service and the people who run it design and deliver "
        "it together, as equals. It starts from what a community already has: its knowledge, its networks and "
        "its energy.": (
            "Tha co-riochdachadh a' ciallachadh gum bi na daoine a chleachdas seirbheis phoblach agus na daoine a "
            "ruitheas i ga dealbhadh agus ga lìbhrigeadh còmhla, mar cho-ionannan. Tòisichidh e leis na th' aig "
            "coimhearsnachd mu thràth: an t-eòlas aice, na lìonraidhean aice agus a spionnadh."
        ),
        "The Hub helps community groups, especially in places that are too often left out, to organise, to "
        "govern themselves well and to work with services on equal terms.": (
            "Tha an t-Ionad a' cuideachadh bhuidhnean coimhearsnachd, gu h-àraidh ann an àiteachan a thèid fhàgail "
            "às ro thric, gus iad fhèin a chur air dòigh, gus iad fhèin a riaghladh gu math agus gus obrachadh le "
            "seirbheisean air cumhachan co-ionann."
        ),
    },
    "about": {
        "About the Hub": "Mun Ionad",
        "about": "mun-ionad",
        "Who the Hub is for and how it works.": "Cò dha a tha an t-Ionad agus mar a tha e ag obair.",
        "The Co-production Hub is a free place for community groups to learn how to co-produce public services, "
        "to track what they have done together, and to show funders when they are ready.": (
            "'S e àite an-asgaidh a th' anns an Ionad Co-riochdachaidh far an urrainn do bhuidhnean coimhearsnachd "
            "ionnsachadh mar a cho-riochdaicheas iad seirbheisean poblach, clàradh na rinn iad còmhla, agus "
            "sealltainn do mhaoinichean nuair a tha iad deiseil."
        ),
        "Who it is for": "Cò dha a tha e",
        "Community groups of every size, the workers who support them, public services that want to share "
        "power, and funders who want to fund well.": (
            "Buidhnean coimhearsnachd de gach meud, an luchd-obrach a bheir taic dhaibh, seirbheisean poblach a "
            "tha airson cumhachd a roinn, agus maoinichean a tha airson maoineachadh gu math."
        ),
        "How it works": "Mar a tha e ag obair",
        "Read guides and stories from other groups.": "Leughaibh stiùiridhean agus sgeulachdan bho bhuidhnean eile.",
        "Work through a pathway together, step by step.": "Obraichibh tro shlighe còmhla, ceum air cheum.",
        "Check how ready your group is and share it with the funders you choose.": (
            "Faicibh dè cho deiseil 's a tha a' bhuidheann agaibh agus roinnibh sin leis na maoinichean a thaghas sibh."
        ),
    },
    "guides": {
        "Guides": "Stiùiridhean",
        "guides": "stiuiridhean",
        "Practical, plain-English guides for community groups and the services they work with. Print any guide "
        "as a handout for your next meeting.": (
            "Stiùiridhean practaigeach ann an cànan soilleir do bhuidhnean coimhearsnachd agus na seirbheisean "
            "leis a bheil iad ag obair. Clò-bhualaibh stiùireadh sam bith mar dhuilleag-làimhe airson na "
            "coinneimh agaibh."
        ),
    },
    "working-with-a-public-service-as-equals": {
        "Working with a public service as equals": "Ag obair le seirbheis phoblach mar cho-ionannan",
        "working-with-a-public-service-as-equals": "ag-obair-le-seirbheis-phoblach-mar-cho-ionannan",
        "Practical ways for a community group to hold its own with a council, health board or other service, "
        "and for staff to make room for them.": (
            "Dòighean practaigeach air am faod buidheann coimhearsnachd seasamh air a son fhèin le comhairle, "
            "bòrd slàinte no seirbheis eile, agus air am faod luchd-obrach àite a dhèanamh dhaibh."
        ),
        "Services hold money, information and the authority to decide. Community groups hold knowledge of daily "
        "life that no report can match. Working as equals means each side respecting what the other brings and "
        "agreeing how decisions will be made.": (
            "Tha airgead, fiosrachadh agus ùghdarras co-dhùnaidh aig seirbheisean. Tha eòlas air beatha làitheil "
            "aig buidhnean coimhearsnachd nach urrainn do dh'aithisg sam bith a choileanadh. Tha obrachadh mar "
            "cho-ionannan a' ciallachadh gum bi gach taobh a' toirt urram do na bheir an taobh eile, agus ag "
            "aontachadh mar a thèid co-dhùnaidhean a dhèanamh."
        ),
        "For community groups": "Do bhuidhnean coimhearsnachd",
        "Ask for": "Iarraibh",
        "A named contact who will reply to you.": "Neach-conaltraidh ainmichte a bheir freagairt dhuibh.",
        "Papers in plain English, in good time before meetings.": (
            "Pàipearan ann an cànan soilleir, ann an deagh àm ro choinneamhan."
        ),
        "A written note of what was agreed and who will act.": (
            "Nota sgrìobhte de na chaidh aontachadh agus cò a nì an gnìomh."
        ),
        "Payment or expenses for the time your members give.": (
            "Pàigheadh no cosgaisean airson na h-ùine a bheir na buill agaibh."
        ),
        "For staff in public services": "Do luchd-obrach ann an seirbheisean poblach",
        "Share the budget and the constraints early. Let the group set part of the agenda. Meet in community "
        "spaces as often as in your offices. When you cannot do what the group asks, say so and explain why.": (
            "Roinnibh am buidseat agus na cuingealachaidhean tràth. Leigibh leis a' bhuidhinn pàirt den "
            "chlàr-ghnothaich a shuidheachadh. Coinnichibh ann an àiteachan coimhearsnachd cho tric 's a "
            "choinnicheas sibh anns na h-oifisean agaibh. Nuair nach urrainn dhuibh na tha a' bhuidheann ag "
            "iarraidh a dhèanamh, canaibh sin agus mìnichibh carson."
        ),
        "Write it down": "Sgrìobhaibh sìos e",
        "Agree a short partnership agreement at the start: what each side will do, how you will decide things, "
        "and what happens when you disagree.": (
            "Aontaichibh aonta com-pàirteachais goirid aig an toiseach: dè a nì gach taobh, mar a nì sibh "
            "co-dhùnaidhean, agus dè thachras nuair nach aontaich sibh."
        ),
        "Drafting a partnership agreement together": "A' dreachdadh aonta com-pàirteachais còmhla",
        "A blank agreement with four headings": "Aonta falamh le ceithir cinn-sgrìobhaidh",
        "Pens": "Peannan",
        "Under 'What we will each bring', list what the group and the service will give.": (
            "Fo 'Na bheir gach taobh', liostaibh na bheir a' bhuidheann agus an t-seirbheis."
        ),
        "Under 'How we decide', agree who decides what and how you vote or agree.": (
            "Fo 'Mar a nì sinn co-dhùnaidhean', aontaichibh cò a cho-dhùnas dè, agus mar a bhòtas no a "
            "dh'aontaicheas sibh."
        ),
        "Under 'When we disagree', agree the first step, such as a meeting with a neutral chair.": (
            "Fo 'Nuair nach aontaich sinn', aontaichibh a' chiad cheum, leithid coinneamh le cathraiche neo-phàirteach."
        ),
        "Under 'How we check', agree when you will review the agreement together.": (
            "Fo 'Mar a nì sinn sgrùdadh', aontaichibh cuin a bheir sibh sùil air an aonta còmhla."
        ),
        "Key takeaways": "Prìomh phuingean",
        "Equal does not mean the same: each side brings something different.": (
            "Chan eil co-ionann a' ciallachadh an aon rud: bheir gach taobh rudeigin eadar-dhealaichte."
        ),
        "Share budgets and constraints early.": "Roinnibh buidseatan agus cuingealachaidhean tràth.",
        "Write down how you will work together and review it.": (
            "Sgrìobhaibh sìos mar a dh'obraicheas sibh còmhla, agus thoiribh sùil air a-rithist."
        ),
    },
    "case-studies": {
        "Case studies": "Eisimpleirean",
        "case-studies": "eisimpleirean",
        "Real stories of groups and services working as equals: what they faced, what they did and what changed.": (
            "Fìor sgeulachdan mu bhuidhnean agus sheirbheisean ag obair mar cho-ionannan: na bha romhpa, na rinn "
            "iad agus na dh'atharraich."
        ),
    },
    "library-hours-in-the-western-isles": {
        "Island residents decide their library's opening hours": (
            "Luchd-còmhnaidh eilein a' co-dhùnadh cuin a bhios an leabharlann aca fosgailte"
        ),
        "library-hours-in-the-western-isles": "uairean-leabharlainn-anns-na-h-eileanan-siar",
        "When budgets were cut, residents and library staff agreed together when a small island library should "
        "open, and volunteers now run a weekend session.": (
            "Nuair a chaidh buidseatan a ghearradh, dh'aontaich luchd-còmhnaidh agus luchd-obrach an leabharlainn "
            "còmhla cuin a bu chòir do leabharlann beag eilein a bhith fosgailte, agus tha saor-thoilich a-nis a' "
            "ruith seisean aig an deireadh-sheachdain."
        ),
        "Opening hours were to be cut, and the hours on offer suited staff rotas rather than the ferry and work "
        "patterns of the people who used the library.": (
            "Bha na h-uairean fosglaidh gu bhith air an gearradh, agus bha na h-uairean a bhathar a' tabhann a' "
            "freagairt air clàran-obrach an luchd-obrach seach air an aiseag agus air obair nan daoine a bha a' "
            "cleachdadh an leabharlainn."
        ),
        "The library service shared its budget openly with a group of residents.": (
            "Roinn seirbheis an leabharlainn a buidseat gu fosgailte le buidheann de luchd-còmhnaidh."
        ),
        "Residents collected information on when people could actually come, and together they chose new hours "
        "that cost no more. Volunteers offered to run a Saturday session with staff support.": (
            "Chruinnich luchd-còmhnaidh fiosrachadh mu cuin a b' urrainn do dhaoine tighinn dha-rìribh, agus "
            "thagh iad còmhla uairean ùra nach cosgadh an còrr. Thairg saor-thoilich seisean Disathairne a ruith "
            "le taic bhon luchd-obrach."
        ),
        "The library is open at the times people need, visits went up, and the Saturday session has become a "
        "meeting place for older residents.": (
            "Tha an leabharlann fosgailte aig na h-amannan a tha a dhìth air daoine, chaidh an àireamh de "
            "thadhalan suas, agus tha seisean Disathairne air fàs na àite-coinneachaidh do sheann daoine an "
            "eilein."
        ),
        "Open the books. Once residents could see the real budget, the conversation became practical.": (
            "Fosglaibh na leabhraichean. Cho luath 's a chitheadh luchd-còmhnaidh am fìor bhuidseat, dh'fhàs an "
            "còmhradh practaigeach."
        ),
    },
    "pathways": {
        "Pathways": "Slighean",
        "pathways": "slighean",
        "Pathways are step-by-step routes your group works through together. Progress belongs to the group, so "
        "it stays when people come and go. Anyone can read them; sign in to track your group's progress.": (
            "'S e cùrsaichean ceum air cheum a th' ann an slighean, a thèid a' bhuidheann agaibh troimhpe "
            "còmhla. Buinidh an t-adhartas don bhuidhinn, agus mar sin fanaidh e nuair a thig is a dh'fhalbhas "
            "daoine. Faodaidh duine sam bith an leughadh; clàraichibh a-steach gus adhartas na buidhne agaibh "
            "a leantainn."
        ),
    },
    "ready-to-co-produce": {
        "Ready to co-produce": "Deiseil airson co-riochdachadh",
        "ready-to-co-produce": "deiseil-airson-co-riochdachadh",
        "A pathway for community groups who want to work with public services as equals: from agreeing what you "
        "stand for to showing the difference you make.": (
            "Slighe do bhuidhnean coimhearsnachd a tha airson obrachadh le seirbheisean poblach mar "
            "cho-ionannan: bho bhith ag aontachadh dè tha sibh a' seasamh air a shon gu bhith a' sealltainn an "
            "diofar a nì sibh."
        ),
        "Any community group, new or long-running, formal or informal, that wants a real say in how local "
        "services are designed and run. You do not need a constitution or a bank account to start.": (
            "Buidheann coimhearsnachd sam bith, ùr no seann-stèidhichte, foirmeil no neo-fhoirmeil, a tha ag "
            "iarraidh fìor ghuth ann an mar a thèid seirbheisean ionadail a dhealbhadh agus a ruith. Chan fheum "
            "sibh bun-reachd no cunntas banca airson tòiseachadh."
        ),
        "say clearly what your group is for and who it speaks with": (
            "innse gu soilleir carson a tha a' bhuidheann agaibh ann agus cò ris a bhios i a' bruidhinn"
        ),
        "show that you are organised, accountable and safe": (
            "sealltainn gu bheil sibh eagraichte, cunntachail agus sàbhailte"
        ),
        "sit down with a public service and plan something together, as equals": (
            "suidhe sìos le seirbheis phoblach agus rudeigin a dhealbhadh còmhla, mar cho-ionannan"
        ),
        "show funders and partners what has changed because of your work": (
            "sealltainn do mhaoinichean agus do chom-pàirtichean dè a dh'atharraich air sgàth na h-obrach agaibh"
        ),
        "About 15 hours of group time over three to six months": (
            "Mu 15 uairean de dh'ùine buidhne thar trì gu sia mìosan"
        ),
    },
    "1-coming-together": {
        "Coming together": "A' tighinn còmhla",
        "1-coming-together": "1-a-tighinn-comhla",
        "Your group agrees why it exists, who it is for and how you will decide things.": (
            "Aontaichidh a' bhuidheann agaibh carson a tha i ann, cò dha a tha i agus mar a nì sibh co-dhùnaidhean."
        ),
    },
    "why-are-we-here": {
        "Why are we here?": "Carson a tha sinn an seo?",
        "why-are-we-here": "carson-a-tha-sinn-an-seo",
        "Agree, in a sentence or two, what your group wants to change.": (
            "Aontaichibh, ann an seantans no dhà, dè tha a' bhuidheann agaibh airson atharrachadh."
        ),
        "Groups that last usually share a simple reason for meeting. Before you plan anything, take time to hear "
        "why each person came along and what they hope will be different in a year.": (
            "Mar as trice, bidh adhbhar sìmplidh aig buidhnean a mhaireas airson coinneachadh. Mus dealbh sibh "
            "dad, gabhaibh ùine gus cluinntinn carson a thàinig gach neach agus dè tha iad an dòchas a bhios "
            "eadar-dhealaichte an ceann bliadhna."
        ),
        "Write the answers up where everyone can see them, then look for what they have in common. Keep the "
        "words your members used rather than tidying them into jargon.": (
            "Sgrìobhaibh na freagairtean far am faic a h-uile duine iad, agus an uairsin coimheadaibh airson na "
            "tha cumanta eatarra. Cumaibh na faclan a chleachd na buill agaibh seach an sgioblachadh gu "
            "briathrachas oifigeil."
        ),
        "Check before you finish": "Dèanaibh cinnteach mus crìochnaich sibh",
        **_questions(
            "Why are we here?",
            [
                "Carson a thàinig sibh an-diugh?",
                "Dè bu toil leibh a bhith eadar-dhealaichte an ceann bliadhna?",
                "Dè a tha cumanta eadar na freagairtean againn?",
            ],
        ),
    },
    "who-is-not-in-the-room": {
        "Who is not in the room?": "Cò nach eil san t-seòmar?",
        "who-is-not-in-the-room": "co-nach-eil-san-t-seomar",
        "Think about the people your group should hear from but usually does not.": (
            "Smaoinichibh air na daoine bu chòir don bhuidhinn agaibh cluinntinn bhuapa ach nach cluinn i mar as trice."
        ),
        "Every group misses someone: people who work shifts, carers, younger people, people who do not speak "
        "English as a first language, people who have been let down before.": (
            "Bidh a h-uile buidheann ag ionndrainn cuideigin: daoine a bhios ag obair air sioftaichean, "
            "luchd-cùraim, daoine òga, daoine aig nach eil Beurla mar chiad chànan, daoine a chaidh a leigeil "
            "sìos roimhe."
        ),
        "Make a short list of who is missing and one practical thing you could do to reach each of them.": (
            "Dèanaibh liosta ghoirid de cò a tha a dhìth, agus aon rud practaigeach a b' urrainn dhuibh a "
            "dhèanamh gus ruighinn air gach neach dhiubh."
        ),
        "Check before you finish": "Dèanaibh cinnteach mus crìochnaich sibh",
        **_questions(
            "Who is not in the room?",
            [
                "Cò a tha a' fuireach no ag obair an seo ach nach tig gu ar coinneamhan idir?",
                "Dè a dh'fhaodadh stad a chur orra tighinn?",
                "Dè aon rud a b' urrainn dhuinn a dhèanamh gus ruighinn air gach neach dhiubh?",
            ],
        ),
    },
    "how-we-make-decisions": {
        "How we make decisions": "Mar a nì sinn co-dhùnaidhean",
        "how-we-make-decisions": "mar-a-ni-sinn-co-dhunaidhean",
        "Agree how your group will make decisions and write it down.": (
            "Aontaichibh mar a nì a' bhuidheann agaibh co-dhùnaidhean, agus sgrìobhaibh sìos e."
        ),
        "Decide what needs the whole group, what a small team can settle, and what happens when you disagree. A "
        "few lines on one page are enough to start.": (
            "Co-dhùnaibh dè a tha feumach air a' bhuidheann gu lèir, dè as urrainn do sgioba beag a rèiteachadh, "
            "agus dè thachras nuair nach aontaich sibh. Tha beagan loidhnichean air aon duilleag gu leòr airson "
            "tòiseachadh."
        ),
        "Your coordinator confirms this step once the group has agreed the page.": (
            "Dearbhaidh an co-òrdanaiche agaibh an ceum seo nuair a bhios a' bhuidheann air an duilleag aontachadh."
        ),
        "Check before you finish": "Dèanaibh cinnteach mus crìochnaich sibh",
        **_questions(
            "How we make decisions",
            [
                "Dè na co-dhùnaidhean a tha feumach air a' bhuidheann gu lèir?",
                "Dè na co-dhùnaidhean as urrainn do sgioba beag a dhèanamh?",
                "Dè a nì sinn nuair nach aontaich sinn?",
            ],
        ),
    },
}


# English readiness area slug -> {English text: Gaelic text}; the rest of an area stays English until translated.
READINESS_AREAS = {
    "purpose-and-plan": {"Purpose and plan": "Adhbhar agus plana"},
    "governance": {"Governance": "Riaghladh"},
    "money": {"Money": "Airgead"},
    "keeping-people-safe": {"Keeping people safe": "A' cumail dhaoine sàbhailte"},
    "equality-and-access": {"Equality and access": "Co-ionannachd agus ruigsinneachd"},
    "community-engagement-and-co-production": {
        "Community engagement and co-production": "Com-pàirteachadh coimhearsnachd agus co-riochdachadh"
    },
    "people-volunteers-and-data": {"People, volunteers and data": "Daoine, saor-thoilich agus dàta"},
    "partnership-working": {"Partnership working": "Obair com-pàirteachais"},
    "learning-and-impact": {"Learning and impact": "Ionnsachadh agus buaidh"},
}


def english_page(slug):
    """The live English page with this slug (the demo's slugs are unique within English)."""
    return Page.objects.live().filter(slug=slug, locale=Locale.get_default()).specific().first()


def _translate_segments(instance, strings, locale):
    """Record the Gaelic in `strings` for the instance's segments; returns the translation and the English
    segments that had no Gaelic (shown in English until a translator adds it)."""
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    missing = []
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        gaelic = strings.get(segment.string.data)
        if gaelic is None:
            missing.append(segment.string.data)
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": gaelic,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "tool_name": TOOL_NAME,
            },
        )
    return translation, missing


def translate_page(page, strings, locale):
    """Translate `page` into `locale` with wagtail-localize, giving each segment the Gaelic in `strings`.

    Returns the English segments that had no Gaelic.
    """
    translation, missing = _translate_segments(page, strings, locale)
    # A draft, published here rather than by wagtail-localize's on-commit hook: load_demo runs in one
    # transaction, and a publish held until the end would save each page over its later children.
    translation.save_target(publish=False)
    translated = page.get_translation(locale)
    translated.get_latest_revision().publish()
    return missing


def translate_readiness_areas(locale):
    """Translate the demo's readiness areas into `locale` (a snippet: saved at once, no draft)."""
    areas = ReadinessDomain.objects.canonical().filter(slug__in=READINESS_AREAS)
    for area in areas:
        translation, _missing = _translate_segments(area, READINESS_AREAS[area.slug], locale)
        translation.save_target()
    return len(areas)


def load(*, password=None, stdout=None):
    """Translate the demo pages into Gaelic; safe to run again (it updates the same translations)."""
    if GAELIC not in dict(settings.LANGUAGES):
        return []
    locale, _created = Locale.objects.get_or_create(language_code=GAELIC)
    for slug, strings in PAGES.items():
        page = english_page(slug)
        if page is None:
            continue
        missing = translate_page(page, strings, locale)
        if missing and stdout is not None:
            stdout.write(f"Gaelic demo: {page.title} keeps {len(missing)} English passage(s) for a translator.")
    if stdout is not None:
        stdout.write("Gaelic demo pages made with wagtail-localize; they await review by a fluent Gaelic speaker.")
    return []


def load_readiness_areas(*, password=None, stdout=None):
    """Translate the demo's readiness areas into Gaelic (after demo.readiness makes them); safe to run again."""
    if GAELIC not in dict(settings.LANGUAGES):
        return []
    locale, _created = Locale.objects.get_or_create(language_code=GAELIC)
    translated = translate_readiness_areas(locale)
    if stdout is not None:
        stdout.write(f"Gaelic names for {translated} readiness areas; they await review by a fluent Gaelic speaker.")
    return []
