"""The annotation schema: the one source of truth for every label list (versions below).

Stage: annotation design. Input: none (the schema is declared here; the inventories follow
``research/schema.md`` §2 and its machine-readable summary, the wording follows
``annotations/GUIDELINES.md``, whose "§N.M" references the texts below use). Output: frozen records for entity
types, mention attributes, roles, event types, event attributes, the stance layer, the three
relations and the annotation origins; lookup helpers with "did you mean" errors; derived label
lists (``ENTITY_LABELS``, ``BIO_LABELS`` ...); :func:`as_dict` (the JSON-ready form from which the
Label Studio config, the HF ``Features`` and the guideline tables are generated); and the PLOVER
export rules (:func:`plover_category`, :func:`stance_plover_category`).

Declared order is meaningful: ``ClassLabel`` ids and BIO tag ids follow it, so appending is a
minor schema change and reordering or removing is a major one (see
``annotations/SCHEMA_CHANGELOG.md``).

Pseudo-types used in ``applies_to`` / filler lists besides the nine entity types:
``EVENT`` (an event trigger region) and ``STANCE`` (a stance evidence region).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

SCHEMA_VERSION = "0.2.0"
GUIDELINES_VERSION = "0.3.1"

#: Pseudo-type for an event trigger region (a filler of Content/Violated/Target/Theme, a stance target).
EVENT = "EVENT"
#: Pseudo-type for a stance evidence region (the source of an ``ATTRIBUTED_TO`` link).
STANCE = "STANCE"


# --------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EntityType:
    """A span type of the entity layer (research/schema.md §2.2).

    Attributes:
        name: Upper-case label (``PER``, ``AGREEMENT`` ...).
        definition: The one-line definition annotators apply.
        precedent: The scheme(s) the type follows, with source keys.

    """

    name: str
    definition: str
    precedent: str


@dataclass(frozen=True)
class Attribute:
    """An attribute of a mention, an event or a stance.

    Attributes:
        name: Attribute name as stored in standoff and Label Studio (``realis``, ``vote_value``).
        kind: ``"enum"`` (one of ``values``), ``"bool"`` or ``"text"``.
        values: Allowed values in declared order for ``enum``; empty for ``bool`` and ``text``.
        applies_to: Type names (entity types, event types or ``STANCE``) the attribute may be set on.
        required: Whether every annotation of a type in ``applies_to`` must carry a value.
        definition: What the attribute means and when to set it (with precedent).
        default: The value assumed when an optional attribute is absent (``None``: no default).

    """

    name: str
    kind: str
    values: tuple[str, ...]
    applies_to: tuple[str, ...]
    required: bool
    definition: str
    default: str | bool | None = None

    def __post_init__(self) -> None:
        """Reject an inconsistent kind/values pair or a default outside the allowed values."""
        if self.kind not in ("enum", "bool", "text"):
            raise ValueError(f"attribute {self.name}: unknown kind {self.kind!r}; expected enum/bool/text")
        if (self.kind == "enum") != bool(self.values):
            raise ValueError(f"attribute {self.name}: values must be given exactly when kind is 'enum'")
        if self.kind == "enum" and self.default is not None and self.default not in self.values:
            raise ValueError(f"attribute {self.name}: default {self.default!r} not in {self.values}")
        if self.kind == "bool" and self.default is not None and not isinstance(self.default, bool):
            raise ValueError(f"attribute {self.name}: a bool attribute needs a bool default")


@dataclass(frozen=True)
class Role:
    """An event argument role, shared across event types (research/schema.md §2.3).

    Attributes:
        name: Role name (``Agent``, ``Violated`` ...), also the Label Studio relation label.
        definition: What fills the role, with the event-specific names it replaces.
        allowed_filler_types: Entity types, and ``EVENT`` for event triggers, that may fill it.
        event_filler_types: When ``EVENT`` is allowed, the event types it is restricted to
            (empty: any event type).

    """

    name: str
    definition: str
    allowed_filler_types: tuple[str, ...]
    event_filler_types: tuple[str, ...] = ()


@dataclass(frozen=True)
class EventType:
    """An event type with its allowed roles and its mappings to other schemes (research/schema.md §2.3).

    Attributes:
        name: Upper-case label (``ATTACK`` ... ``PROTEST``).
        definition: The definition from the table (typical triggers included).
        triggers: Typical trigger words, for guidelines and weak supervision; not exhaustive.
        roles: Allowed role names, in the order of the table's Roles column.
        plover: Default PLOVER category for export ('' when the type has no direct category).
        plover_mode: Default PLOVER mode ('' when none or when an attribute decides it).
        cameo: CAMEO codes named in the table.
        ace: The ACE / KAIROS / AIDA mapping text.
        notes: Export rules and conflicts between sources (for the PLOVER export; not shown in the manual).
        glosses: What fills each role for this type, for annotators (the quick reference, §3.1).

    """

    name: str
    definition: str
    triggers: tuple[str, ...]
    roles: tuple[str, ...]
    plover: str
    plover_mode: str
    cameo: tuple[str, ...]
    ace: str
    notes: str = ""
    glosses: str = ""


@dataclass(frozen=True)
class Label:
    """A named value with its definition (stance labels and stance bases).

    Attributes:
        name: The value (``SUPPORT``, ``QUOTE`` ...).
        definition: When to use it.

    """

    name: str
    definition: str


@dataclass(frozen=True)
class StanceSlot:
    """A slot of the reified stance record (research/schema.md §2.5).

    Attributes:
        name: Slot name (``holder``, ``stance_target``, ``evidence``, ``cue``).
        definition: What is marked.
        allowed_types: Types that may fill the slot; empty for region slots marked directly.
        required: Whether every stance must fill it.
        region: True when the slot is a text region of its own (evidence, cue) rather than a
            relation to an existing mention or trigger.

    """

    name: str
    definition: str
    allowed_types: tuple[str, ...]
    required: bool
    region: bool


@dataclass(frozen=True)
class StanceLayer:
    """The stance layer: (holder, target, label, evidence) records (research/schema.md §2.5).

    Attributes:
        definition: What a stance is.
        labels: SUPPORT / OPPOSE / NEUTRAL with definitions.
        bases: QUOTE / REPORTED / ACTION with definitions (the ``basis`` attribute).
        slots: holder, stance_target, evidence, cue.
        rules: The numbered rules of the stance layer (research/schema.md §2.5, as the manual settles them).

    """

    definition: str
    labels: tuple[Label, ...]
    bases: tuple[Label, ...]
    slots: tuple[StanceSlot, ...]
    rules: tuple[str, ...]


@dataclass(frozen=True)
class Relation:
    """A non-role relation between annotations (research/schema.md §2.6).

    Attributes:
        name: Relation label (``ATTRIBUTED_TO`` ...).
        definition: When to draw it.
        from_types: Types allowed at the source end.
        to_types: Types allowed at the target end.
        directed: False for symmetric relations (COREF).
        acyclic: Whether a chain of these links may never return to its start.
        optional: True when the relation belongs to an optional annotation pass.

    """

    name: str
    definition: str
    from_types: tuple[str, ...]
    to_types: tuple[str, ...]
    directed: bool
    acyclic: bool
    optional: bool = False


@dataclass(frozen=True)
class TriggerChoice:
    """A word that can trigger more than one type (or none): how to choose, for the trigger-word index.

    Attributes:
        words: The word forms the note covers (``capture``, ``captured``), lower case.
        types: The event or entity types it can be, and :data:`NO_EVENT` when it can be no event at all.
        rule: How to choose, in one or two sentences.
        section: The manual section with the full rule and its example (``§3.4``).

    """

    words: tuple[str, ...]
    types: tuple[str, ...]
    rule: str
    section: str


class UnknownNameError(KeyError, ValueError):
    """An unknown schema name; a ``KeyError`` and a ``ValueError``, with a readable message."""

    def __str__(self) -> str:
        """Return the message without the quotes ``KeyError`` adds."""
        return str(self.args[0]) if self.args else ""


# --------------------------------------------------------------------------------------------
# Entity layer (research/schema.md §2.2)
# --------------------------------------------------------------------------------------------

ENTITY_TYPES: tuple[EntityType, ...] = (
    EntityType(
        "PER",
        "A person or an unorganised group of people: civilians, officials, counted or captured fighters, "
        "peoples without a state ('the Kurds') (§2.4).",
        "ACE PER [ACE-ENT]",
    ),
    EntityType(
        "ORG",
        "An organised body: ministries, armed forces and units, armed groups ('the rebels'), IGOs, NGOs, "
        "media, parties; a government as a whole is GPE (§2.4).",
        "ACE ORG; re3d Organisation incl. 'rebels' [RE3D]; PLOVER sectors [P-MAN]",
    ),
    EntityType(
        "GPE",
        "A country, province, district, city, town or village; a nationality ('Russian', 'Syrians'); a "
        "government as a whole ('the regime') (§2.4).",
        "ACE GPE ('population, a government, a physical location') [GOLLIE]; re3d Nationality [RE3D]",
    ),
    EntityType(
        "LOC",
        "An area without a government of its own: regions, borders, front lines, parts of a city, compass "
        "parts ('eastern Aleppo') (§2.4).",
        "ACE LOC [ACE-ENT]",
    ),
    EntityType(
        "FAC",
        "A man-made structure or site: hospital, airport, base, bridge, road, crossing, camp, checkpoint.",
        "ACE FAC [GOLLIE]",
    ),
    EntityType(
        "VEH",
        "A vehicle ('tank', 'convoy trucks'); attribute `military` yes/no.",
        "ACE VEH; re3d MilitaryPlatform vs Vehicle [RE3D]",
    ),
    EntityType(
        "WEA",
        "A weapon or munition ('barrel bombs', 'missile', 'mortar').",
        "ACE WEA; re3d Weapon",
    ),
    EntityType(
        "AGREEMENT",
        "A document, proposal or arrangement referred to as a thing: resolution, plan, treaty, law, a "
        "deal; reaching one is an AGREE trigger (§3.5).",
        "new. Nearest: KAIROS 'Abstract ... contracts' [GOLLIE]; re3d DocumentReference [RE3D]; "
        "OntoNotes LAW (from memory)",
    ),
    EntityType(
        "TIME",
        "A date, time or duration ('Tuesday'), only when it fills Time or Duration (§2.2).",
        "ACE TIMEX2 [ACE-TASKS]; re3d Temporal",
    ),
)

#: The eight mention types (research/schema.md §2.2: "eight mention types plus TIME").
MENTION_TYPES: tuple[str, ...] = tuple(t.name for t in ENTITY_TYPES if t.name != "TIME")

MENTION_ATTRIBUTES: tuple[Attribute, ...] = (
    Attribute(
        "level",
        "enum",
        ("NAM", "NOM", "PRO", "PRE"),
        MENTION_TYPES,
        True,
        "NAM: a name, with any title, determiner or compass word ('eastern Aleppo'); NOM: a common-noun "
        "phrase ('the regime'); PRO: a pronoun; PRE: a name premodifying a larger mention ('UN' in 'UN "
        "Security Council') (§2.5). ACE mention types, LDC premodifiers [ACE-ENT].",
    ),
    Attribute(
        "gpe_role",
        "enum",
        ("GOV", "PEOPLE", "PLACE", "MIXED"),
        ("GPE",),
        True,
        "GOV: the state or its government ('Russia vetoed'); PEOPLE: its population ('Syrians'); PLACE: the "
        "location ('in Aleppo'); MIXED: two of these at once (§2.5). ACE mention roles [ACE-ENT].",
    ),
    Attribute(
        "metonymic",
        "bool",
        (),
        ("GPE", "FAC"),
        False,
        "True when a city or building stands for a government ('Moscow said', 'the Kremlin'); the type "
        "stays GPE or FAC (§2.4).",
        default=False,
    ),
    Attribute(
        "sector",
        "enum",
        (
            "GOV",
            "MIL",
            "REB",
            "PRM",
            "COP",
            "SPY",
            "UAF",
            "UNK",
            "CVL",
            "MED",
            "JRN",
            "REF",
            "REL",
            "EDU",
            "BUS",
            "LEG",
            "JUD",
            "PTY",
            "OPP",
            "IGO",
            "UNO",
            "NGO",
        ),
        ("PER", "ORG"),
        False,
        "The PLOVER sector, only when the text states it: rebels REB, pro-government militias PRM, unknown "
        "gunmen UAF, collective actors ('the West') UNK (§2.5) [P-MAN Sector Codes; IGO and UNO are PLOVER "
        "non-state 'country' codes].",
    ),
    Attribute(
        "specificity",
        "enum",
        ("SPC", "GEN", "USP"),
        MENTION_TYPES,
        False,
        "SPC: a particular referent; GEN: a kind; USP: underspecified ('any such proposal') (§2.5). ACE "
        "entity classes [ACE-ENT].",
        default="SPC",
    ),
    Attribute(
        "antecedent_unresolved",
        "bool",
        (),
        MENTION_TYPES,
        False,
        "True on a mention whose antecedent the article does not give (usually a stance target with "
        "specificity USP); never guess it (§5.2).",
        default=False,
    ),
    Attribute(
        "military",
        "bool",
        (),
        ("VEH",),
        True,
        "Whether the vehicle is military ('tank') or not ('convoy trucks'). re3d MilitaryPlatform [RE3D].",
    ),
)


# --------------------------------------------------------------------------------------------
# Roles (research/schema.md §2.3)
# --------------------------------------------------------------------------------------------

_ACTORS: tuple[str, ...] = ("PER", "ORG", "GPE")
_PLACES: tuple[str, ...] = ("GPE", "LOC", "FAC")
_ANY_MENTION_OR_EVENT: tuple[str, ...] = (*MENTION_TYPES, EVENT)

ROLES: tuple[Role, ...] = (
    Role(
        "Agent",
        "The actor who performs or causes the event (the attacker, voter, proposer, accuser, the actor who "
        "sends forces). Empty when the perpetrator is unknown; never a weapon or a document (§4.2).",
        _ACTORS,
    ),
    Role(
        "Target",
        "What the event is directed at: the people, objects or area attacked ('strikes on X'; an area that "
        "only locates the attack is Place), the territory seized or besieged, the accused, threatened, "
        "protested or sanctioned, what a SUPPORT endorses (§4.3).",
        _ANY_MENTION_OR_EVENT,
    ),
    Role(
        "Victim",
        "The person(s) who die, are injured or are detained.",
        ("PER",),
    ),
    Role(
        "Recipient",
        "Who receives aid, released persons, a proposal or a request; the loser in SEIZE; the proposer in "
        "REJECT; the partner helped in COOPERATE.",
        _ACTORS,
    ),
    Role(
        "Participant",
        "A party to a symmetric event (talks, a ceasefire, an agreement, joint action); one link per party.",
        _ACTORS,
    ),
    Role(
        "Instrument",
        "The weapon or vehicle used (the vehicles of an evacuation).",
        ("WEA", "VEH"),
    ),
    Role(
        "Theme",
        "What is moved, given, released, proposed or voted on (the forces mobilised, aid, evacuees, the "
        "measure), and the topic of talks, cooperation or protest, which may be an event (§4.3).",
        _ANY_MENTION_OR_EVENT,
    ),
    Role(
        "Content",
        "The event or AGREEMENT requested, refused, threatened, agreed to or claimed. An event filler is "
        "DIRECTIVE under REQUEST, REJECT, THREATEN, FUTURE under AGREE (unless it has happened), and ALLEGED "
        "under ACCUSE only when the accusation alone states it (§4.5, §4.6).",
        (EVENT, "AGREEMENT"),
    ),
    Role(
        "Medium",
        "The document through which a request is made ('a resolution ... calling for') (§4.3).",
        ("AGREEMENT",),
    ),
    Role(
        "Forum",
        "The body in or before which the event takes place (the UN Security Council, a parliament).",
        ("ORG",),
    ),
    Role(
        "Mediator",
        "A third party who brokers talks, an agreement or a ceasefire.",
        _ACTORS,
    ),
    Role(
        "Place",
        "Where the event happens.",
        _PLACES,
    ),
    Role(
        "Time",
        "When the event happens.",
        ("TIME",),
    ),
    Role(
        "Origin",
        "Where a movement (withdrawal, evacuation) starts.",
        _PLACES,
    ),
    Role(
        "Destination",
        "Where a movement (mobilisation, withdrawal, evacuation) ends.",
        _PLACES,
    ),
    Role(
        "Duration",
        "How long the event lasts ('a seven day truce').",
        ("TIME",),
    ),
    Role(
        "Violated",
        "The AGREEMENT or CEASEFIRE an ATTACK breaks; only ATTACK takes it (§3.3). CAMEO 196 [C2P].",
        ("AGREEMENT", EVENT),
        event_filler_types=("CEASEFIRE",),
    ),
)


# --------------------------------------------------------------------------------------------
# Event types (research/schema.md §2.3 table; inventories are what the benchmark is compared on: do not edit casually)
# --------------------------------------------------------------------------------------------

_LOCUS = ("Place", "Time")

EVENT_TYPES: tuple[EventType, ...] = (
    EventType(
        "ATTACK",
        "Use of force against people or objects: shelling, airstrike, bombing, shooting, clashes, offensive, raid, "
        "'fighting', a military strike.",
        ("shelling", "airstrike", "bombing", "shooting", "clashes", "offensive", "raid", "fighting"),
        ("Agent", "Target", "Instrument", "Place", "Time", "Violated", "Duration"),
        "ASSAULT",
        "",
        ("18", "19", "20", "190", "193", "194", "195", "196"),
        "Conflict.Attack [GOLLIE]; KAIROS Conflict.Attack.*; AIDA conflict.attack.*",
        notes="PLOVER mode comes from the `mode` attribute (weapon: aerial, drone, heavy-weapons, firearms, "
        "explosives, suicide-attack ...) [P-MAN; C2P]. 196 = violate ceasefire: a ceasefire violation is an "
        "ATTACK with a Violated link.",
        glosses="Only ATTACK takes Violated (§3.3); its dead and wounded are separate DIE and INJURE events (§3.3).",
    ),
    EventType(
        "DIE",
        "A person's death (killed, dead, died).",
        ("killed", "dead", "died"),
        ("Victim", "Agent", "Instrument", "Place", "Time"),
        "ASSAULT",
        "",
        (),
        "Life.Die (Agent, Victim, Instrument) [GOLLIE]; KAIROS Life.Die",
        notes="Fills the PLOVER `dead` count [P-MAN Size object]; merged with its ATTACK at export.",
        glosses="Victim = the dead (PER); running totals too (§3.3).",
    ),
    EventType(
        "INJURE",
        "Physical harm to a person (wounded, injured).",
        ("wounded", "injured"),
        ("Victim", "Agent", "Instrument", "Place", "Time"),
        "ASSAULT",
        "",
        (),
        "Life.Injure",
        notes="Fills the PLOVER `injured` count; merged with its ATTACK at export.",
        glosses="Victim = the wounded (PER).",
    ),
    EventType(
        "DAMAGE",
        "Damage or destruction of structures or objects ('hospital destroyed').",
        ("destroyed", "damaged"),
        ("Agent", "Target", "Instrument", "Place", "Time"),
        "ASSAULT",
        "destroy",
        (),
        "KAIROS ArtifactExistence.DamageDestroy* [KAIROS]",
        notes="ASSAULT:destroy covers intentional or residual use only [P-MAN ASSAULT].",
        glosses="Target = what is damaged.",
    ),
    EventType(
        "SEIZE",
        "Taking control of territory or a facility (capture, recapture, occupy, overrun, take control of).",
        ("capture", "recapture", "occupy", "overrun"),
        ("Agent", "Target", "Recipient", "Place", "Time"),
        "COERCE",
        "seize",
        ("192",),
        "AIDA transaction.transaction.transfercontrol; KAIROS Conflict.Defeat",
        notes="192 Occupy territory [C2P]; PLOVER README's 'recaptured' example.",
        glosses="Agent = the side taking control, Recipient = the side losing it; people are DETAINed (§3.4).",
    ),
    EventType(
        "BLOCKADE",
        "Siege, encirclement, blockade, closing crossings, cutting off supplies or aid.",
        ("siege", "encirclement", "blockade", "closed", "cut off"),
        ("Agent", "Target", "Place", "Time", "Duration"),
        "COERCE",
        "restrict",
        ("191",),
        "KAIROS Movement.Transportation.PreventPassage, Control.ImpedeInterfereWith",
        notes="191 Impose blockade -> COERCE:restrict; withholding supplies -> COERCE:withhold [C2P; P-MAN COERCE].",
        glosses="Target = the place or population cut off; access refused is BLOCKADE (§3.4).",
    ),
    EventType(
        "MOBILIZE",
        "Deploying, moving, massing or alerting forces without using force, forces entering a place, exercises.",
        ("deployed", "massing", "alert", "exercises"),
        ("Agent", "Theme", "Destination", "Place", "Time"),
        "MOBILIZE",
        "",
        ("15",),
        "ACE Movement.Transport (partial)",
        notes="PLOVER modes troops/weapons/police/militia.",
        glosses="Theme = the force; Agent = who sends it, if not the force itself (§3.4).",
    ),
    EventType(
        "DETAIN",
        "Arrest, detention, abduction, capture of persons (captured fighters included).",
        ("arrest", "detention", "abduction", "capture"),
        ("Agent", "Victim", "Place", "Time"),
        "COERCE",
        "arrest",
        (),
        "Justice.Arrest-Jail; KAIROS Justice.ArrestJailDetain",
        notes="Combatants captured in conflict -> ASSAULT:abduct [P-MAN COERCE ambiguities].",
        glosses="Victim = the detainees (PER), captured fighters too (§3.4).",
    ),
    EventType(
        "RELEASE",
        "Release or exchange of prisoners, hostages or bodies.",
        ("release", "exchange", "freed"),
        ("Agent", "Theme", "Recipient", "Place", "Time"),
        "RETREAT",
        "release",
        ("0841",),
        "Justice.Release-Parole",
        notes="RETREAT:release [C2P].",
        glosses="Theme = who is released.",
    ),
    EventType(
        "WITHDRAW",
        "Withdrawal, retreat, pull-out, surrender, disarmament of forces.",
        ("withdrawal", "retreat", "pull-out", "surrender", "disarmament"),
        ("Agent", "Origin", "Destination", "Place", "Time"),
        "RETREAT",
        "withdraw",
        ("0874",),
        "AIDA conflict.yield.retreat / surrender",
        notes="RETREAT:withdraw or RETREAT:disarm; announced withdrawals -> CONCEDE [P-MAN RETREAT]; FUTURE "
        "WITHDRAW -> CONCEDE at export.",
        glosses="Agent = the withdrawing force; Origin = the place left.",
    ),
    EventType(
        "CEASEFIRE",
        "Truce, ceasefire, humanitarian pause, cessation of hostilities (declared, agreed, in force, called for).",
        ("truce", "ceasefire", "humanitarian pause", "cessation of hostilities"),
        ("Participant", "Mediator", "Place", "Time", "Duration", "Agent"),
        "RETREAT",
        "ceasefire",
        ("0871",),
        "AIDA government.agreements.acceptagreementcontractceasefire",
        notes="Declared -> CONCEDE [P-MAN CONCEDE] or RETREAT:ceasefire [C2P 0871] (the two sources conflict); in "
        "force -> RETREAT:ceasefire. The `phase` attribute keeps the choice changeable without re-annotation.",
        glosses="Agent = who announces it; Participant = who is bound; Mediator = a broker (§3.4).",
    ),
    EventType(
        "EVACUATE",
        "Evacuating civilians, the wounded or fighters.",
        ("evacuation", "evacuated"),
        ("Agent", "Theme", "Origin", "Destination", "Instrument", "Time"),
        "AID",
        "",
        (),
        "KAIROS Movement.Transportation.Evacuation [KAIROS]; AIDA movement.transportperson.evacuationrescue",
        notes="AID for rescues [P-MAN AID ambiguities]; flight caused by an actor -> SANCTION:expel [P-MAN RETREAT "
        "ambiguities], annotated as the causing event (§3.4).",
        glosses="Theme = the evacuees; Instrument = the vehicles.",
    ),
    EventType(
        "AID",
        "Giving or delivering aid (humanitarian, financial, military), or allowing aid access.",
        ("aid", "delivered", "supplies", "access"),
        ("Agent", "Recipient", "Theme", "Place", "Time"),
        "AID",
        "",
        ("07", "0863"),
        "KAIROS Transaction.Donation",
        notes="Allowing aid in -> RETREAT:access (0863) [C2P].",
        glosses="Material backing of an armed actor is AID (§3.5).",
    ),
    EventType(
        "COOPERATE",
        "Material cooperation between actors: joint operations, intelligence sharing ('tipped off'), coordination.",
        ("joint operation", "intelligence sharing", "tipped off", "coordination"),
        ("Agent", "Recipient", "Participant", "Theme", "Place", "Time"),
        "COOPERATE",
        "",
        ("06", "064"),
        "",
        notes="The research note's Roles column reads 'Recipient/Participant': both are allowed. 064 Share "
        "intelligence or information [C2P].",
        glosses="Agent and Participant are both allowed for the actors acting together (§3.5).",
    ),
    EventType(
        "CONSULT",
        "Meetings, talks, negotiations, calls, mediation, visits.",
        ("meeting", "talks", "negotiations", "call", "mediation", "visit"),
        ("Participant", "Mediator", "Theme", "Place", "Time", "Duration"),
        "CONSULT",
        "",
        ("04", "045", "046"),
        "Contact.Meet / Phone-Write; KAIROS Contact.Contact.*; AIDA contact.negotiate.*",
        notes="PLOVER modes visit/third-party/multilateral/phone; future meetings -> AGREE [P-MAN CONSULT]: FUTURE "
        "or POSSIBLE CONSULT -> AGREE at export.",
        glosses="Theme = the topic, which may be an event (§4.3).",
    ),
    EventType(
        "PROPOSE",
        "Putting forward, drafting, tabling or submitting a plan, resolution or offer.",
        ("put forward", "drafted", "tabled", "submitted", "offer"),
        ("Agent", "Theme", "Recipient", "Forum", "Time"),
        "",
        "",
        (),
        "AIDA contact.commitmentpromiseexpressintent (partial)",
        notes="No direct PLOVER category: AGREE when the proposer offers its own action [P-MAN AGREE]; otherwise "
        "exported with the linked REQUEST.",
        glosses="Theme = the AGREEMENT proposed.",
    ),
    EventType(
        "REQUEST",
        "Call for, demand, urge, appeal, ask.",
        ("call for", "demand", "urge", "appeal", "ask"),
        ("Agent", "Recipient", "Content", "Medium", "Forum", "Time"),
        "REQUEST",
        "",
        ("10", "1056"),
        "KAIROS Contact.RequestCommand",
        notes="PLOVER modes assist/change/yield/meet; call for de-escalation = 1056 -> REQUEST:yield [C2P]. "
        "Exception: parties to a conflict calling to end it -> AGREE [P-MAN REQUEST].",
        glosses="Content = what is requested (DIRECTIVE); Medium = a document making the request (§4.3).",
    ),
    EventType(
        "AGREE",
        "Agree to, accept, commit to, promise, sign; reach or enter into an agreement or deal.",
        ("agree", "accept", "commit", "promise", "sign"),
        ("Participant", "Theme", "Content", "Mediator", "Place", "Time"),
        "AGREE",
        "",
        ("057",),
        "AIDA government.agreements.accept…",
        notes="Sign or ratify -> SUPPORT (057) [C2P; P-MAN SUPPORT].",
        glosses="Theme = the AGREEMENT; Content = the event agreed to (FUTURE) (§3.5, §4.5).",
    ),
    EventType(
        "SUPPORT",
        "Verbal or diplomatic endorsement: welcome, praise, back, defend verbally.",
        ("welcome", "praise", "back", "defend"),
        ("Agent", "Target"),
        "SUPPORT",
        "",
        ("051", "052"),
        "",
        notes="[C2P] 051, 052.",
        glosses="Words only; Target = what is endorsed (§3.5).",
    ),
    EventType(
        "REJECT",
        "Reject, refuse, turn down, block a request, proposal, offer or talks (not a vote, not a denial).",
        ("reject", "refuse", "turn down", "block"),
        ("Agent", "Content", "Theme", "Recipient"),
        "REJECT",
        "",
        ("12",),
        "AIDA government.agreements.rejectnullify…",
        notes="The research note's Roles column reads 'Content/Theme': both are allowed. Refusing to meet is "
        "REJECT [P-MAN; C2P; P-GSR REJECT-0024].",
        glosses="Content or Theme = what is refused (DIRECTIVE); Recipient = the proposer (§3.5).",
    ),
    EventType(
        "VOTE",
        "A formal vote in a collective body (UNSC, General Assembly, parliament). Attribute `vote_value` in {for, "
        "against, veto, abstain, unspecified}.",
        ("vote", "voted", "veto", "vetoed", "abstained"),
        ("Agent", "Theme", "Forum", "Time"),
        "",
        "",
        ("129",),
        "AIDA government.vote.castvote [AIDA]",
        notes="veto -> REJECT:yield, 129 Veto [C2P; PETR]; a US veto is coded REJECT with the Security Council as "
        "target [P-GSR REJECT-0033]; for -> SUPPORT. Other vote values have no PLOVER category. The outcome "
        "('failed to adopt') is not an event.",
        glosses="Agent = the voter; Theme = the measure; Forum = the body (§3.5).",
    ),
    EventType(
        "ACCUSE",
        "Accuse, blame, condemn, criticise, denounce, allege; investigate.",
        ("accuse", "blame", "condemn", "criticise", "denounce", "allege", "investigate"),
        ("Agent", "Target", "Content", "Forum", "Time"),
        "ACCUSE",
        "",
        ("09", "11", "1123"),
        "Justice.Charge-Indict only for formal charges of a crime by a state actor [ACE-DEF]",
        notes="PLOVER modes disapprove/allege/investigate; 1123 Accuse of aggression [C2P].",
        glosses="Target = the accused; Content = the event blamed, ALLEGED only if the accusation alone states it "
        "(§4.6).",
    ),
    EventType(
        "THREATEN",
        "Threaten, warn of, give an ultimatum.",
        ("threaten", "warn", "ultimatum"),
        ("Agent", "Target", "Content", "Time"),
        "THREATEN",
        "",
        ("13",),
        "KAIROS Contact.ThreatenCoerce",
        notes="PLOVER modes violence/territory/relations/... [P-MAN; C2P].",
        glosses="Content = the threatened event (DIRECTIVE).",
    ),
    EventType(
        "SANCTION",
        "Sanctions, embargoes, bans on an actor or its activity, formal designation as terrorists, cutting ties, "
        "expelling diplomats, suspending aid or talks.",
        ("sanctions", "cut ties", "expel", "suspend"),
        ("Agent", "Target", "Theme", "Time"),
        "SANCTION",
        "",
        ("16",),
        "AIDA transaction.transaction.embargosanction",
        notes="PLOVER modes convict/expel/withdraw/discontinue; C2P maps 163 'Impose embargo... sanctions' to "
        "COERCE:restrict, the PLOVER manual to SANCTION:discontinue (the sources conflict).",
        glosses="Target = who is sanctioned, designated or banned (§3.5).",
    ),
    EventType(
        "PROTEST",
        "Demonstration, rally, riot, strike, sit-in.",
        ("demonstration", "rally", "riot", "strike", "sit-in"),
        ("Agent", "Target", "Theme", "Place", "Time"),
        "PROTEST",
        "",
        ("14",),
        "Conflict.Demonstrate",
        notes="PLOVER modes demo/riot/strike/...",
        glosses="Theme = the topic.",
    ),
)


#: In a :class:`TriggerChoice`, the choice "no event" (the word is not a trigger in that reading).
NO_EVENT = "no event"

#: Words that can trigger more than one type, or none: the trigger-word index of the manual (§9) shows
#: each with its rule. Every typical trigger listed under two event types must have an entry here.
TRIGGER_CHOICES: tuple[TriggerChoice, ...] = (
    TriggerChoice(
        ("access",),
        ("AID", "BLOCKADE"),
        "AID when given or allowed; BLOCKADE when refused or cut.",
        "§3.4",
    ),
    TriggerChoice(
        ("agreement", "deal", "accord"),
        ("AGREE", "AGREEMENT"),
        "AGREE when reached, struck or entered into; AGREEMENT when referred to as a thing, or beside an AGREE "
        "verb ('signed').",
        "§3.5",
    ),
    TriggerChoice(
        ("back", "backed", "backing", "support"),
        ("SUPPORT", "AID", "COOPERATE"),
        "AID for arms, money, training or aid; COOPERATE for taking part; SUPPORT for words only.",
        "§3.5",
    ),
    TriggerChoice(
        ("block", "blocked"),
        ("VOTE", "REJECT", "BLOCKADE"),
        "VOTE for a veto or vote in a body; BLOCKADE for roads, crossings or aid stopped; otherwise REJECT.",
        "§3.5",
    ),
    TriggerChoice(
        ("call",),
        ("REQUEST", "CONSULT"),
        "REQUEST in 'call for', 'call on'; CONSULT for a phone call.",
        "§3.5",
    ),
    TriggerChoice(
        ("capture", "captured"),
        ("SEIZE", "DETAIN"),
        "SEIZE for territory or a facility; DETAIN for people.",
        "§3.4",
    ),
    TriggerChoice(
        ("casualties", "losses"),
        ("DIE", "INJURE", NO_EVENT),
        "No event unless the sentence says killed or wounded; then that word is the trigger.",
        "§3.3",
    ),
    TriggerChoice(
        ("ceasefire", "truce", "cessation of hostilities"),
        ("CEASEFIRE", "AGREEMENT"),
        "Always CEASEFIRE, never AGREEMENT.",
        "§3.4",
    ),
    TriggerChoice(
        ("condemn", "condemned", "condemns"),
        ("ACCUSE",),
        "ACCUSE; the condemned event keeps the attribution the text gives it.",
        "§4.6",
    ),
    TriggerChoice(
        ("consider", "considering", "weigh", "mull"),
        (NO_EVENT,),
        "No event; the event considered is POSSIBLE.",
        "§4.5",
    ),
    TriggerChoice(
        ("defend", "defended"),
        ("SUPPORT", NO_EVENT),
        "SUPPORT when defended in words; no event for military defence.",
        "§3.5",
    ),
    TriggerChoice(
        ("deny", "denied", "denies"),
        (NO_EVENT,),
        "No event; a denied event mentioned only here is NEGATIVE and REPORTED.",
        "§4.4",
    ),
    TriggerChoice(
        ("designate", "designated", "designation", "named ... as"),
        ("SANCTION", NO_EVENT),
        "SANCTION for a formal designation; no event (a stance) when a speaker calls someone terrorists.",
        "§3.5",
    ),
    TriggerChoice(
        ("ban", "banned"),
        ("SANCTION", NO_EVENT),
        "SANCTION when an authority bans an actor or its activity; otherwise out of inventory.",
        "§3.5",
    ),
    TriggerChoice(
        ("enter", "entered", "move into"),
        ("MOBILIZE", "SEIZE", "ATTACK"),
        "MOBILIZE; SEIZE if control is stated; ATTACK if it fought its way in.",
        "§3.4",
    ),
    TriggerChoice(
        ("exchange",),
        ("RELEASE", "ATTACK"),
        "RELEASE for prisoners, hostages or bodies; ATTACK for an exchange of fire.",
        "§3.3",
    ),
    TriggerChoice(
        ("operation",),
        ("ATTACK", "COOPERATE", NO_EVENT),
        "ATTACK for a military operation; COOPERATE in 'joint operation'; an anaphoric 'the operation' is no event.",
        "§3.2",
    ),
    TriggerChoice(
        ("strike", "strikes"),
        ("ATTACK", "PROTEST"),
        "ATTACK for a military strike; PROTEST for a labour, general or hunger strike.",
        "§3.3",
    ),
    TriggerChoice(
        ("suspend", "suspended"),
        ("SANCTION", "CEASEFIRE"),
        "SANCTION for aid, talks, ties or membership; CEASEFIRE for a party's own operations.",
        "§3.5",
    ),
    TriggerChoice(
        ("warn", "warned"),
        ("THREATEN", "REQUEST", NO_EVENT),
        "THREATEN for the speaker's own harmful action; REQUEST for 'warn against'; no event for a reported danger.",
        "§3.5",
    ),
    TriggerChoice(
        ("withdraw", "withdrawal"),
        ("WITHDRAW", "SANCTION"),
        "WITHDRAW for forces; SANCTION for an ambassador, recognition or aid.",
        "§3.4",
    ),
)

# --------------------------------------------------------------------------------------------
# Event attributes (research/schema.md §2.4); order as in the machine-readable summary
# --------------------------------------------------------------------------------------------

_ALL_EVENTS: tuple[str, ...] = tuple(t.name for t in EVENT_TYPES)

EVENT_ATTRIBUTES: tuple[Attribute, ...] = (
    Attribute(
        "polarity",
        "enum",
        ("POSITIVE", "NEGATIVE"),
        _ALL_EVENTS,
        True,
        "NEGATIVE when the text says the event did not, does not or will not happen, a denied event "
        "included (§4.4). ACE polarity [ACE-DEF]; PLOVER negation mode [P-MAN].",
        default="POSITIVE",
    ),
    Attribute(
        "realis",
        "enum",
        ("ACTUAL", "FUTURE", "POSSIBLE", "HYPOTHETICAL", "DIRECTIVE", "GENERIC"),
        _ALL_EVENTS,
        True,
        "ACTUAL: happened or happening. FUTURE: scheduled, intended, committed to, provided for by an "
        "agreement. POSSIBLE: hedged or under consideration. HYPOTHETICAL: either half of a condition. "
        "DIRECTIVE: requested, proposed, offered, threatened, refused or aimed at. GENERIC: kinds or habits "
        "(§4.5). Splits ACE's Modality=OTHER into PLOVER's bins [ACE-DEF; P-MAN].",
    ),
    Attribute(
        "attribution",
        "enum",
        ("AUTHOR", "REPORTED", "ALLEGED"),
        _ALL_EVENTS,
        True,
        "AUTHOR: narrated as fact by the outlet or by a statement's issuer. REPORTED: a source's words; "
        "needs an ATTRIBUTED_TO link. ALLEGED: only an accusation or claim, or hedged ('reportedly'), "
        "also when only the Agent is; never exported as fact. A condemned event keeps the attribution the "
        "text gives it (§4.6). FactBank, PolNeAR [FACTBANK; POLNEAR].",
    ),
    Attribute(
        "mode",
        "enum",
        (
            "aerial",
            "drone",
            "heavy-weapons",
            "firearms",
            "explosives",
            "suicide-attack",
            "targeted",
            "abduct",
            "primitive",
            "crowd-control",
            "unconventional",
            "unspecified",
        ),
        ("ATTACK",),
        False,
        "The means the trigger or its own phrase states ('airstrikes' aerial, 'shelling' heavy-weapons). "
        "Left out when no means or several are stated; 'unspecified' is for the PLOVER export only, never "
        "written in a pass (§4.7). PLOVER ASSAULT modes [P-MAN].",
    ),
    Attribute(
        "vote_value",
        "enum",
        ("for", "against", "veto", "abstain", "unspecified"),
        ("VOTE",),
        True,
        "'unspecified' when the text does not say how the voter voted (§4.7). AIDA castvote; CAMEO 129 [AIDA; C2P].",
    ),
    Attribute(
        "phase",
        "enum",
        ("announced", "implemented", "ended"),
        ("CEASEFIRE", "WITHDRAW"),
        False,
        "When the text says it was announced, has been implemented or has ended (§4.7). The PLOVER CONCEDE "
        "vs RETREAT split [P-MAN].",
    ),
    Attribute(
        "count",
        "text",
        (),
        ("DIE", "INJURE", "DETAIN", "EVACUATE"),
        False,
        "The quantity as written, without its noun ('dozens', 'at least 16') (§4.7). PLOVER dead / "
        "injured / arrested [P-MAN Size object].",
    ),
)


# --------------------------------------------------------------------------------------------
# Stance layer (research/schema.md §2.5)
# --------------------------------------------------------------------------------------------

STANCE_LAYER = StanceLayer(
    definition=(
        "A stance is a (holder, target, label, evidence) record: the position of an actor in the text "
        "toward an entity, an AGREEMENT or an event; never the outlet's (§5.2). (A document-level AUTHOR "
        "holder for opinion genres exists but is off.)"
    ),
    labels=(
        Label(
            "SUPPORT",
            "The holder endorses, wants or defends the target (for an entity target: is "
            "favourable to or sides with it).",
        ),
        Label("OPPOSE", "The holder rejects, condemns or blocks the target."),
        Label(
            "NEUTRAL",
            "The holder explicitly takes no side: abstains, calls for balance, declines to take "
            "a position. No stance means no record (unlike SemEval's NONE).",
        ),
    ),
    bases=(
        Label("QUOTE", "The holder's own words: a direct quotation, or the text of the holder's own statement."),
        Label("REPORTED", "Indirect speech, or a position the text reports without quoting it."),
        Label("ACTION", "Inferred from a non-verbal act: a vote, a veto, a signature, sponsoring a draft."),
    ),
    slots=(
        StanceSlot(
            "holder",
            "An entity mention whose position is expressed or reported [MPQA; DEBATENET].",
            _ACTORS,
            True,
            False,
        ),
        StanceSlot(
            "stance_target",
            "An entity mention, an AGREEMENT mention (proposal, resolution, plan) "
            "or an event trigger (a truce, an offensive) [MPQA 3.0 eTargets; "
            "DEBATENET].",
            (*_ACTORS, "AGREEMENT", EVENT),
            True,
            False,
        ),
        StanceSlot(
            "evidence",
            "The shortest contiguous span that expresses the position: a speech-act or action trigger "
            "with its adverbs ('strongly condemns', 'vetoed'), or the predicate that carries the "
            "position with its complement ('unacceptable', 'supportive of the PKK'), without the holder "
            "and the cue (§5.3) [POLNEAR content].",
            (),
            True,
            True,
        ),
        StanceSlot("cue", "The reporting predicate ('said', 'accused', 'told') [POLNEAR cue].", (), False, True),
    ),
    rules=(
        "One inferential step at most (§5.2).",
        "Evidence lies inside the holder's attributed words; the outlet's word choice is never evidence (§5.3).",
        "A target whose antecedent the article does not give is marked USP and antecedent_unresolved (§5.2).",
        "ACTUAL, POSITIVE ACCUSE, REJECT, SUPPORT, REQUEST, AGREE and VOTE events always get a stance (§5.4).",
    ),
)

STANCE_LABELS: tuple[str, ...] = tuple(label.name for label in STANCE_LAYER.labels)
STANCE_BASES: tuple[str, ...] = tuple(basis.name for basis in STANCE_LAYER.bases)
STANCE_SLOTS: tuple[str, ...] = tuple(slot.name for slot in STANCE_LAYER.slots)
STANCE_HOLDER_TYPES: tuple[str, ...] = STANCE_LAYER.slots[0].allowed_types
STANCE_TARGET_TYPES: tuple[str, ...] = STANCE_LAYER.slots[1].allowed_types


#: The stance attributes, for generators that treat every per-region choice alike.
def _glossary(labels: Iterable[Label]) -> str:
    """Return 'NAME: definition' for each label, joined into one sentence run."""
    return " ".join(f"{label.name}: {label.definition}" for label in labels)


STANCE_ATTRIBUTES: tuple[Attribute, ...] = (
    Attribute(
        "stance_label",
        "enum",
        STANCE_LABELS,
        (STANCE,),
        True,
        "Required on every stance. " + _glossary(STANCE_LAYER.labels),
    ),
    Attribute(
        "basis", "enum", STANCE_BASES, (STANCE,), True, "Required on every stance. " + _glossary(STANCE_LAYER.bases)
    ),
)

#: Pseudo-type for the document as a whole (the ``applies_to`` of document-level attributes).
DOCUMENT = "DOCUMENT"

#: Document-level attributes: Label Studio document choices, the standoff ``document`` object.
DOCUMENT_ATTRIBUTES: tuple[Attribute, ...] = (
    Attribute(
        "relevance",
        "enum",
        ("conflict-relevant", "not-relevant"),
        (DOCUMENT,),
        False,
        "Optional. The annotator's check of the curation filter: whether the article is conflict news "
        "at all. not-relevant articles are reported back to curation, not annotated further.",
    ),
)


# --------------------------------------------------------------------------------------------
# Relations (research/schema.md §2.6)
# --------------------------------------------------------------------------------------------

RELATIONS: tuple[Relation, ...] = (
    Relation(
        "ATTRIBUTED_TO",
        "From an event or a stance to the mention of its source (PolNeAR source, FactBank). Required from "
        "every REPORTED event, from an ALLEGED event with a named claimant and from a stance a third party "
        "reports (§6.2).",
        (EVENT, STANCE),
        _ACTORS,
        directed=True,
        acyclic=True,
    ),
    Relation(
        "AFFILIATED_WITH",
        "From a member to the organisation, GPE or person it belongs to, when the text states it "
        "('members of the European Union'); not for alliances or a nested PRE (§6.2). re3d BelongsTo "
        "[RE3D].",
        ("PER", "ORG", "GPE"),
        ("ORG", "GPE", "PER"),
        directed=True,
        acyclic=True,
    ),
    Relation(
        "COREF",
        "Mention <-> mention identity (optional second pass). Symmetric: the direction drawn carries no "
        "meaning. Event coreference is deferred.",
        MENTION_TYPES,
        MENTION_TYPES,
        directed=False,
        acyclic=False,
        optional=True,
    ),
)


# --------------------------------------------------------------------------------------------
# Layers
# --------------------------------------------------------------------------------------------

#: The annotation layers of a pass, in the order every table and config lists them.
LAYERS: tuple[str, ...] = ("entities", "events", "stances", "relations")
#: The layers the benchmark scores and the baselines predict (relations are annotated but not yet scored).
SCORED_LAYERS: tuple[str, ...] = tuple(layer for layer in LAYERS if layer != "relations")


# --------------------------------------------------------------------------------------------
# Origins of annotations
# --------------------------------------------------------------------------------------------

#: ``adjudicated`` (the merged pass an adjudicator made from two blind ``manual`` passes) comes last
#: so that the integer labels of the older origins in built datasets do not change.
ORIGINS: tuple[str, ...] = ("manual", "reviewed-prediction", "imported-gold", "model", "adjudicated")
#: Origins whose annotations count as gold.
GOLD_ORIGINS: tuple[str, ...] = ("manual", "reviewed-prediction", "imported-gold", "adjudicated")
#: Origins whose annotations count as silver.
SILVER_ORIGINS: tuple[str, ...] = ("model",)
ANNOTATION_STATUS: tuple[str, ...] = ("gold", "silver", "none")
#: Origins whose passes were not made by following this project's manual (another project's gold, a
#: program's output). The validator's guideline checks (group ``guidelines``) skip them; every other origin,
#: including one added later, is checked.
UNGUIDED_ORIGINS: tuple[str, ...] = ("imported-gold", "model")


# --------------------------------------------------------------------------------------------
# Derived label lists (generated, never typed twice)
# --------------------------------------------------------------------------------------------

ENTITY_LABELS: tuple[str, ...] = tuple(t.name for t in ENTITY_TYPES)
EVENT_LABELS: tuple[str, ...] = tuple(t.name for t in EVENT_TYPES)
ROLE_LABELS: tuple[str, ...] = tuple(r.name for r in ROLES)
RELATION_LABELS: tuple[str, ...] = tuple(r.name for r in RELATIONS)
MENTION_ATTRIBUTE_NAMES: tuple[str, ...] = tuple(a.name for a in MENTION_ATTRIBUTES)
EVENT_ATTRIBUTE_NAMES: tuple[str, ...] = tuple(a.name for a in EVENT_ATTRIBUTES)


def _bio(labels: Iterable[str]) -> tuple[str, ...]:
    """Return ``O`` followed by ``B-x``, ``I-x`` for each label, in the given order."""
    return ("O", *(tag for label in labels for tag in (f"B-{label}", f"I-{label}")))


BIO_LABELS: tuple[str, ...] = _bio(ENTITY_LABELS)
EVENT_BIO_LABELS: tuple[str, ...] = _bio(EVENT_LABELS)

_ENTITY_BY_NAME: dict[str, EntityType] = {t.name: t for t in ENTITY_TYPES}
_EVENT_BY_NAME: dict[str, EventType] = {t.name: t for t in EVENT_TYPES}
_ROLE_BY_NAME: dict[str, Role] = {r.name: r for r in ROLES}


# --------------------------------------------------------------------------------------------
# Lookup helpers
# --------------------------------------------------------------------------------------------


def _unknown(what: str, name: object, allowed: Iterable[str]) -> UnknownNameError:
    """Build the error for an unknown name: what was given, a suggestion, the allowed names."""
    allowed = tuple(allowed)
    text = str(name)
    # Match case-insensitively so 'vote' suggests 'VOTE'; names themselves stay case-sensitive.
    folded = {a.casefold(): a for a in allowed}
    close = difflib.get_close_matches(text.casefold(), list(folded), n=1, cutoff=0.6)
    hint = f"; did you mean {folded[close[0]]!r}?" if close else "."
    return UnknownNameError(f"unknown {what} {name!r}{hint} Allowed: {', '.join(allowed)}")


def _lookup(table: Mapping[str, Any], what: str, name: str) -> Any:
    """Return ``table[name]`` or raise :class:`UnknownNameError` with a suggestion."""
    try:
        return table[name]
    except (KeyError, TypeError):
        raise _unknown(what, name, table) from None


def entity_type(name: str) -> EntityType:
    """Return the entity type called ``name``.

    Args:
        name: An entity type name such as ``"GPE"``.

    Returns:
        The :class:`EntityType` record.

    Raises:
        UnknownNameError: (a ``KeyError`` and ``ValueError``) for an unknown name; the message
            lists the allowed names and suggests the closest one.

    """
    return _lookup(_ENTITY_BY_NAME, "entity type", name)


def event_type(name: str) -> EventType:
    """Return the event type called ``name``.

    Args:
        name: An event type name such as ``"VOTE"``.

    Returns:
        The :class:`EventType` record.

    Raises:
        UnknownNameError: for an unknown name, with the allowed names and a suggestion.

    """
    return _lookup(_EVENT_BY_NAME, "event type", name)


def role(name: str) -> Role:
    """Return the role called ``name``.

    Args:
        name: A role name such as ``"Agent"``.

    Returns:
        The :class:`Role` record.

    Raises:
        UnknownNameError: for an unknown name, with the allowed names and a suggestion.

    """
    return _lookup(_ROLE_BY_NAME, "role", name)


def roles_for(event_type_name: str) -> tuple[Role, ...]:
    """Return the roles an event type allows, in the order of its Roles column.

    Args:
        event_type_name: An event type name.

    Returns:
        The :class:`Role` records.

    Raises:
        UnknownNameError: for an unknown event type.

    """
    return tuple(_ROLE_BY_NAME[r] for r in event_type(event_type_name).roles)


def attributes_for(event_type_name: str) -> tuple[Attribute, ...]:
    """Return the event attributes that apply to an event type, in declared order.

    Args:
        event_type_name: An event type name.

    Returns:
        The :class:`Attribute` records whose ``applies_to`` contains the type.

    Raises:
        UnknownNameError: for an unknown event type.

    """
    name = event_type(event_type_name).name
    return tuple(a for a in EVENT_ATTRIBUTES if name in a.applies_to)


def mention_attributes_for(entity_type_name: str) -> tuple[Attribute, ...]:
    """Return the mention attributes that apply to an entity type, in declared order.

    Args:
        entity_type_name: An entity type name.

    Returns:
        The :class:`Attribute` records whose ``applies_to`` contains the type (empty for TIME).

    Raises:
        UnknownNameError: for an unknown entity type.

    """
    name = entity_type(entity_type_name).name
    return tuple(a for a in MENTION_ATTRIBUTES if name in a.applies_to)


def is_allowed_role(event_type_name: str, role_name: str) -> bool:
    """Tell whether an event type allows a role.

    Args:
        event_type_name: An event type name.
        role_name: A role name.

    Returns:
        True when the role is in the event type's Roles column; False for a known role that is
        not allowed there.

    Raises:
        UnknownNameError: for an unknown event type or an unknown role name (a typo is an error,
            not a ``False``).

    """
    record = event_type(event_type_name)
    return role(role_name).name in record.roles


def allowed_fillers(role_name: str) -> tuple[str, ...]:
    """Return the types that may fill a role: entity type names and ``EVENT``.

    Args:
        role_name: A role name.

    Returns:
        The role's ``allowed_filler_types`` (see :attr:`Role.event_filler_types` for the event
        types an ``EVENT`` filler is restricted to).

    Raises:
        UnknownNameError: for an unknown role.

    """
    return role(role_name).allowed_filler_types


def origin_status(origin: str) -> str:
    """Return the annotation status an origin yields: ``gold`` or ``silver``.

    Args:
        origin: One of :data:`ORIGINS`.

    Returns:
        ``"gold"`` for manual, reviewed-prediction and imported-gold; ``"silver"`` for model.

    Raises:
        UnknownNameError: for an unknown origin.

    """
    if origin in GOLD_ORIGINS:
        return "gold"
    if origin in SILVER_ORIGINS:
        return "silver"
    raise _unknown("origin", origin, ORIGINS)


# --------------------------------------------------------------------------------------------
# PLOVER export (research/schema.md §2.3 table and §4 H4, H6, H7, H14)
# --------------------------------------------------------------------------------------------


def _checked_attributes(record: EventType, attributes: Mapping[str, object]) -> Mapping[str, object]:
    """Reject attribute names that do not apply to the event type and enum values not allowed."""
    allowed = {a.name: a for a in attributes_for(record.name)}
    for name, value in attributes.items():
        if name not in allowed:
            raise _unknown(f"attribute for {record.name}", name, allowed)
        attr = allowed[name]
        if attr.kind == "enum" and value not in attr.values:
            raise _unknown(f"{name} value", value, attr.values)
    return attributes


def plover_category(event_type_name: str, attributes: Mapping[str, object] | None = None) -> str:
    """Return the PLOVER category an annotated event exports to.

    Only the export rules stated in ``research/schema.md`` are applied:

    - VOTE: ``vote_value`` veto -> REJECT, for -> SUPPORT; other values -> '' (no category).
    - CEASEFIRE: ``phase`` announced -> CONCEDE [P-MAN CONCEDE]; otherwise RETREAT (note §4 H14).
    - WITHDRAW: ``phase`` announced or realis FUTURE -> CONCEDE [P-MAN RETREAT; note §4 H4].
    - CONSULT: realis FUTURE or POSSIBLE -> AGREE [P-MAN CONSULT; note §4 H4].
    - Everything else (ATTACK, DIE, INJURE, DAMAGE -> ASSAULT, ...): the type's ``plover`` field.

    Whether an event is exported at all (NEGATIVE polarity, ALLEGED attribution: "never exported
    as fact", note §4 H3) is the exporter's decision, not this function's.

    Args:
        event_type_name: An event type name.
        attributes: The event's attribute values (missing optional ones take their defaults).

    Returns:
        A PLOVER category name, or '' when the type (PROPOSE, most VOTE values) has no category
        of its own.

    Raises:
        UnknownNameError: for an unknown event type, an attribute that does not apply to it, or
            a value outside the attribute's values.

    """
    record = event_type(event_type_name)
    attrs = _checked_attributes(record, attributes or {})
    realis = attrs.get("realis")
    phase = attrs.get("phase")
    if record.name == "VOTE":
        return {"veto": "REJECT", "for": "SUPPORT"}.get(str(attrs.get("vote_value")), "")
    if record.name == "CEASEFIRE":
        return "CONCEDE" if phase == "announced" else "RETREAT"
    if record.name == "WITHDRAW" and (phase == "announced" or realis == "FUTURE"):
        return "CONCEDE"
    if record.name == "CONSULT" and realis in ("FUTURE", "POSSIBLE"):
        return "AGREE"
    return record.plover


def stance_plover_category(label: str, target_type: str, basis: str) -> str:
    """Return the PLOVER category a stance exports to (research/schema.md §4 H6), or '' if none.

    A speech stance (basis QUOTE or REPORTED) toward an AGREEMENT exports OPPOSE -> REJECT and
    SUPPORT -> SUPPORT. ACTION stances come from events that are exported themselves, and stances
    toward entities or events have no stated rule, so they export nothing.

    Args:
        label: A stance label.
        target_type: The target's type: an entity type name or ``EVENT``.
        basis: A stance basis.

    Returns:
        ``"REJECT"``, ``"SUPPORT"`` or ''.

    Raises:
        UnknownNameError: for an unknown label, target type or basis.

    """
    if label not in STANCE_LABELS:
        raise _unknown("stance label", label, STANCE_LABELS)
    if target_type not in STANCE_TARGET_TYPES:
        raise _unknown("stance target type", target_type, STANCE_TARGET_TYPES)
    if basis not in STANCE_BASES:
        raise _unknown("stance basis", basis, STANCE_BASES)
    if target_type != "AGREEMENT" or basis == "ACTION":
        return ""
    return {"OPPOSE": "REJECT", "SUPPORT": "SUPPORT"}.get(label, "")


# --------------------------------------------------------------------------------------------
# Serialisation and self-check
# --------------------------------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    """Turn tuples into lists recursively so the result compares equal after a JSON round trip."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def as_dict() -> dict[str, Any]:
    """Serialise the whole schema to a JSON-ready dict.

    The Label Studio config, the HF ``Features``, the guideline tables and the card's field table
    are generated from this dict; its key order and list order are the declared orders.

    Returns:
        A dict of plain lists, dicts, strings, bools and ``None``, versions included.

    """
    return _jsonable(
        {
            "schema_version": SCHEMA_VERSION,
            "guidelines_version": GUIDELINES_VERSION,
            "entity_types": [asdict(t) for t in ENTITY_TYPES],
            "mention_attributes": [asdict(a) for a in MENTION_ATTRIBUTES],
            "roles": [asdict(r) for r in ROLES],
            "event_types": [asdict(t) for t in EVENT_TYPES],
            "event_attributes": [asdict(a) for a in EVENT_ATTRIBUTES],
            "stance": {**asdict(STANCE_LAYER), "attributes": [asdict(a) for a in STANCE_ATTRIBUTES]},
            "relations": [asdict(r) for r in RELATIONS],
            "trigger_choices": [asdict(c) for c in TRIGGER_CHOICES],
            "origins": {"all": ORIGINS, "gold": GOLD_ORIGINS, "silver": SILVER_ORIGINS, "unguided": UNGUIDED_ORIGINS},
            "annotation_status": ANNOTATION_STATUS,
            "labels": {
                "entity": ENTITY_LABELS,
                "event": EVENT_LABELS,
                "role": ROLE_LABELS,
                "relation": RELATION_LABELS,
                "stance": STANCE_LABELS,
                "bio": BIO_LABELS,
                "event_bio": EVENT_BIO_LABELS,
            },
        }
    )


def consistency_problems() -> list[str]:
    """Check the declarations against each other.

    Returns:
        One message per inconsistency (duplicate names, a role or type name used but not
        declared, an empty inventory); empty when the schema is consistent.

    """
    problems: list[str] = []
    entity_or_event = {*ENTITY_LABELS, EVENT}
    inventories = (
        ("entity type", ENTITY_LABELS),
        ("event type", EVENT_LABELS),
        ("role", ROLE_LABELS),
        ("mention attribute", MENTION_ATTRIBUTE_NAMES),
        ("event attribute", EVENT_ATTRIBUTE_NAMES),
        ("relation", RELATION_LABELS),
        ("stance label", STANCE_LABELS),
    )
    for what, names in inventories:
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            problems.append(f"duplicate {what} names: {dupes}")
    for et in EVENT_TYPES:
        if not et.roles:
            problems.append(f"event type {et.name} has no roles")
        problems += [f"event type {et.name} uses undeclared role {r}" for r in et.roles if r not in _ROLE_BY_NAME]
        if len(set(et.roles)) != len(et.roles):
            problems.append(f"event type {et.name} repeats a role")
    for r in ROLES:
        problems += [
            f"role {r.name}: unknown filler type {t}" for t in r.allowed_filler_types if t not in entity_or_event
        ]
        problems += [f"role {r.name}: unknown event filler {t}" for t in r.event_filler_types if t not in EVENT_LABELS]
    for a in MENTION_ATTRIBUTES:
        problems += [f"mention attribute {a.name}: unknown type {t}" for t in a.applies_to if t not in ENTITY_LABELS]
    for a in EVENT_ATTRIBUTES:
        problems += [f"event attribute {a.name}: unknown type {t}" for t in a.applies_to if t not in EVENT_LABELS]
    for rel in RELATIONS:
        problems += [
            f"relation {rel.name}: unknown type {t}"
            for t in (*rel.from_types, *rel.to_types)
            if t not in {*entity_or_event, STANCE}
        ]
    for slot in STANCE_LAYER.slots:
        problems += [
            f"stance slot {slot.name}: unknown type {t}" for t in slot.allowed_types if t not in entity_or_event
        ]
    known = {*EVENT_LABELS, *ENTITY_LABELS, NO_EVENT}
    covered: dict[str, TriggerChoice] = {}
    for choice in TRIGGER_CHOICES:
        problems += [f"trigger choice {choice.words}: unknown type {t}" for t in choice.types if t not in known]
        if not choice.types or not choice.rule or not re.fullmatch(r"§\d+\.\d+", choice.section):
            problems.append(f"trigger choice {choice.words}: needs types, a rule and a section like §3.4")
        for word in choice.words:
            if word in covered:
                problems.append(f"trigger choice word {word!r} is listed twice")
            covered[word] = choice
    for word in sorted({w for et in EVENT_TYPES for w in et.triggers}):
        types = [et.name for et in EVENT_TYPES if word in et.triggers]
        if len(types) > 1 and word not in covered:
            problems.append(f"trigger {word!r} is listed under {', '.join(types)} but has no TriggerChoice")
    if not set(UNGUIDED_ORIGINS) <= set(ORIGINS):
        problems.append("UNGUIDED_ORIGINS must be origins")
    if not set(GOLD_ORIGINS).isdisjoint(SILVER_ORIGINS) or {*GOLD_ORIGINS, *SILVER_ORIGINS} != set(ORIGINS):
        problems.append("GOLD_ORIGINS and SILVER_ORIGINS must partition ORIGINS")
    return problems


_PROBLEMS = consistency_problems()
if _PROBLEMS:  # a broken declaration must stop every stage, not reach the data
    raise RuntimeError("schema.py is inconsistent: " + "; ".join(_PROBLEMS))
