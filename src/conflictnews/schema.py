"""The annotation schema v0.1: the one source of truth for every label list.

Stage: annotation design. Input: none (the schema is declared here, following
``research/schema.md`` §2 and its machine-readable summary). Output: frozen records for entity
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
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

SCHEMA_VERSION = "0.2.0"
GUIDELINES_VERSION = "0.2.0"

#: Pseudo-type for an event trigger region (a filler of Content/Violated/Target/Theme, a stance target).
EVENT = "EVENT"
#: Pseudo-type for a stance evidence region (the source of an ``ATTRIBUTED_TO`` link).
STANCE = "STANCE"


# --------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EntityType:
    """A span type of the entity layer (§2.2).

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
    """An event argument role, shared across event types (§2.3).

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
    """An event type with its allowed roles and its mappings to other schemes (§2.3 table).

    Attributes:
        name: Upper-case label (``ATTACK`` ... ``PROTEST``).
        definition: The definition from the table (typical triggers included).
        triggers: Typical trigger words, for guidelines and weak supervision; not exhaustive.
        roles: Allowed role names, in the order of the table's Roles column.
        plover: Default PLOVER category for export ('' when the type has no direct category).
        plover_mode: Default PLOVER mode ('' when none or when an attribute decides it).
        cameo: CAMEO codes named in the table.
        ace: The ACE / KAIROS / AIDA mapping text.
        notes: Role glosses, export exceptions and conflicts between sources.

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
    """A slot of the reified stance record (§2.5).

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
    """The stance layer: (holder, target, label, evidence) records (§2.5).

    Attributes:
        definition: What a stance is.
        labels: SUPPORT / OPPOSE / NEUTRAL with definitions.
        bases: QUOTE / REPORTED / ACTION with definitions (the ``basis`` attribute).
        slots: holder, stance_target, evidence, cue.
        rules: The numbered rules of §2.5, verbatim in substance.

    """

    definition: str
    labels: tuple[Label, ...]
    bases: tuple[Label, ...]
    slots: tuple[StanceSlot, ...]
    rules: tuple[str, ...]


@dataclass(frozen=True)
class Relation:
    """A non-role relation between annotations (§2.6).

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


class UnknownNameError(KeyError, ValueError):
    """An unknown schema name; a ``KeyError`` and a ``ValueError``, with a readable message."""

    def __str__(self) -> str:
        """Return the message without the quotes ``KeyError`` adds."""
        return str(self.args[0]) if self.args else ""


# --------------------------------------------------------------------------------------------
# Entity layer (§2.2)
# --------------------------------------------------------------------------------------------

ENTITY_TYPES: tuple[EntityType, ...] = (
    EntityType(
        "PER",
        "A person or an unorganised group of people (civilians, nurses, officials, refugees), named or "
        "not. Individuated fighters ('three fighters') are PER; armed groups are ORG.",
        "ACE PER [ACE-ENT]",
    ),
    EntityType(
        "ORG",
        "An organised body: government bodies, armed forces and units, armed groups (named or "
        "collective: 'the rebels', 'regime forces'), IGOs (UN, UNSC), NGOs, media, parties.",
        "ACE ORG; re3d Organisation incl. 'rebels' [RE3D]; PLOVER sectors [P-MAN]",
    ),
    EntityType(
        "GPE",
        "A country, province, city or other place with a population and a government, incl. "
        "nationality adjectives used as modifiers ('Russian', 'Syrian').",
        "ACE GPE ('population, a government, a physical location') [GOLLIE]; re3d Nationality [RE3D]",
    ),
    EntityType(
        "LOC",
        "A geographic area without political status: front lines, border zones, countryside, rivers, "
        "'eastern Aleppo' when it is not an administrative unit.",
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
        "A document, proposal or arrangement: resolution, draft, proposal, plan, ceasefire deal, "
        "treaty, law (named or nominal).",
        "new. Nearest: KAIROS 'Abstract ... contracts' [GOLLIE]; re3d DocumentReference [RE3D]; "
        "OntoNotes LAW (from memory)",
    ),
    EntityType(
        "TIME",
        "A date, time or duration ('Tuesday', 'seven day').",
        "ACE TIMEX2 [ACE-TASKS]; re3d Temporal",
    ),
)

#: The eight mention types (§2.2: "eight mention types plus TIME").
MENTION_TYPES: tuple[str, ...] = tuple(t.name for t in ENTITY_TYPES if t.name != "TIME")

MENTION_ATTRIBUTES: tuple[Attribute, ...] = (
    Attribute(
        "level",
        "enum",
        ("NAM", "NOM", "PRO", "PRE"),
        MENTION_TYPES,
        True,
        "Required on every mention (not on TIME). NAM: name; NOM: nominal; PRO: pronoun; PRE: a "
        "nested premodifier, e.g. 'UN' in 'UN Security Council'. Follows ACE mention types and "
        "LDC's premodifier type [ACE-ENT].",
    ),
    Attribute(
        "gpe_role",
        "enum",
        ("GOV", "PEOPLE", "PLACE", "MIXED"),
        ("GPE",),
        True,
        "Required on every GPE mention. GOV: the government acting ('Russia vetoed'); PEOPLE: its "
        "population ('two Russian nurses'); PLACE: the location ('in Aleppo'); MIXED: more than one. "
        "Follows ACE's ORG/PER/LOC/GPE mention roles [ACE-ENT]; the PLOVER export needs it.",
    ),
    Attribute(
        "metonymic",
        "bool",
        (),
        ("GPE", "FAC"),
        False,
        "Optional, default false. True when a city or building stands for a government ('Moscow said', "
        "'the Kremlin', 'Washington'); the mention keeps its literal type (GPE, or FAC for a building) "
        "and, for GPE, gpe_role=GOV (§4 H2).",
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
        "Optional. A PLOVER sector code [P-MAN Sector Codes] for a person or organisation when the text "
        "states it. IGO and UNO are strictly PLOVER 'country' codes for non-state actors [P-MAN Table "
        "nonstate], reused here as sector values. Collective actors ('the West') take UNK (§4 H9); "
        "rebels REB, pro-government paramilitaries PRM, unknown gunmen UAF (§4 H13).",
    ),
    Attribute(
        "specificity",
        "enum",
        ("SPC", "GEN", "USP"),
        MENTION_TYPES,
        False,
        "Optional, default SPC. SPC: a particular referent; GEN: a kind or class; USP: underspecified, "
        "e.g. 'any such proposal'. Follows ACE entity classes [ACE-ENT].",
        default="SPC",
    ),
    Attribute(
        "antecedent_unresolved",
        "bool",
        (),
        MENTION_TYPES,
        False,
        "Optional, default false. True on a mention (usually a stance target, specificity=USP) whose "
        "antecedent is not recoverable from the article; never guess the coreferent (§2.5 rule 3, §4 H12).",
        default=False,
    ),
    Attribute(
        "military",
        "bool",
        (),
        ("VEH",),
        True,
        "Required on every VEH mention: whether the vehicle is military ('tank') or not ('convoy "
        "trucks'). Follows re3d MilitaryPlatform vs Vehicle [RE3D].",
    ),
)


# --------------------------------------------------------------------------------------------
# Roles (§2.3)
# --------------------------------------------------------------------------------------------

_ACTORS: tuple[str, ...] = ("PER", "ORG", "GPE")
_PLACES: tuple[str, ...] = ("GPE", "LOC", "FAC")
_ANY_MENTION_OR_EVENT: tuple[str, ...] = (*MENTION_TYPES, EVENT)

ROLES: tuple[Role, ...] = (
    Role(
        "Agent",
        "The actor who performs or causes the event (ACE Attacker/Agent, AIDA Voter, the proposer, the "
        "accuser). Left empty when the perpetrator is unknown; a weapon is never the Agent (§4 H10) and "
        "a document never is (it fills Medium, §4 H8).",
        _ACTORS,
    ),
    Role(
        "Target",
        "What the event is directed at: the people or objects attacked, the territory or facility "
        "seized or besieged, the accused, the threatened, the protested, the sanctioned, or what a "
        "SUPPORT endorses (an entity, an AGREEMENT or an event).",
        _ANY_MENTION_OR_EVENT,
    ),
    Role(
        "Victim",
        "The person(s) who die, are injured or are detained.",
        ("PER",),
    ),
    Role(
        "Recipient",
        "The actor who receives: aid, released persons, a proposal or a request; the loser in SEIZE; "
        "the proposer whose offer is rejected; the partner in COOPERATE.",
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
        "The thing or people moved, given, released, discussed or voted on: forces mobilised, aid, "
        "released persons, evacuees, the measure voted, the proposal, the topic of talks or protest.",
        _ANY_MENTION_OR_EVENT,
    ),
    Role(
        "Content",
        "The event or agreement requested, agreed, rejected, threatened or alleged (its trigger gets "
        "realis DIRECTIVE, or attribution ALLEGED for an accusation).",
        (EVENT, "AGREEMENT"),
    ),
    Role(
        "Medium",
        "The document through which a request is made ('a resolution ... calling for'), §4 H8.",
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
        "The agreement or ceasefire an event breaks (CAMEO 196 -> ASSAULT [C2P]): an AGREEMENT mention "
        "or a CEASEFIRE trigger.",
        ("AGREEMENT", EVENT),
        event_filler_types=("CEASEFIRE",),
    ),
)


# --------------------------------------------------------------------------------------------
# Event types (§2.3 table; inventories are what the benchmark is compared on: do not edit casually)
# --------------------------------------------------------------------------------------------

_LOCUS = ("Place", "Time")

EVENT_TYPES: tuple[EventType, ...] = (
    EventType(
        "ATTACK",
        "Use of force against people or objects (shelling, airstrike, bombing, shooting, clashes, "
        "offensive, raid, 'fighting').",
        ("shelling", "airstrike", "bombing", "shooting", "clashes", "offensive", "raid", "fighting"),
        ("Agent", "Target", "Instrument", "Place", "Time", "Violated", "Duration"),
        "ASSAULT",
        "",
        ("18", "19", "20", "190", "193", "194", "195", "196"),
        "Conflict.Attack [GOLLIE]; KAIROS Conflict.Attack.*; AIDA conflict.attack.*",
        "PLOVER mode comes from the `mode` attribute (weapon: aerial, drone, heavy-weapons, firearms, "
        "explosives, suicide-attack ...) [P-MAN; C2P]. 196 = violate ceasefire: a ceasefire violation is "
        "an ATTACK with a Violated link.",
    ),
    EventType(
        "DIE",
        "A person's death (killed, dead, died).",
        ("killed", "dead", "died"),
        ("Victim", "Agent", "Instrument", *_LOCUS),
        "ASSAULT",
        "",
        (),
        "Life.Die (Agent, Victim, Instrument) [GOLLIE]; KAIROS Life.Die",
        "Fills the PLOVER `dead` count [P-MAN Size object]; merged with its ATTACK at export (§4 H11).",
    ),
    EventType(
        "INJURE",
        "Physical harm to a person (wounded, injured).",
        ("wounded", "injured"),
        ("Victim", "Agent", "Instrument", *_LOCUS),
        "ASSAULT",
        "",
        (),
        "Life.Injure",
        "Fills the PLOVER `injured` count; merged with its ATTACK at export (§4 H11).",
    ),
    EventType(
        "DAMAGE",
        "Damage or destruction of structures or objects ('hospital destroyed').",
        ("destroyed", "damaged"),
        ("Agent", "Target", "Instrument", *_LOCUS),
        "ASSAULT",
        "destroy",
        (),
        "KAIROS ArtifactExistence.DamageDestroy* [KAIROS]",
        "ASSAULT:destroy covers intentional or residual use only [P-MAN ASSAULT].",
    ),
    EventType(
        "SEIZE",
        "Taking control of territory or a facility (capture, recapture, occupy, overrun).",
        ("capture", "recapture", "occupy", "overrun"),
        ("Agent", "Target", "Recipient", *_LOCUS),
        "COERCE",
        "seize",
        ("192",),
        "AIDA transaction.transaction.transfercontrol; KAIROS Conflict.Defeat",
        "Target = the territory or FAC taken; Recipient = the loser (optional). 192 Occupy territory "
        "[C2P]; PLOVER README's 'recaptured' example. Capture of people is DETAIN.",
    ),
    EventType(
        "BLOCKADE",
        "Siege, encirclement, blockade, closing crossings, cutting off supplies or aid.",
        ("siege", "encirclement", "blockade", "closed", "cut off"),
        ("Agent", "Target", *_LOCUS, "Duration"),
        "COERCE",
        "restrict",
        ("191",),
        "KAIROS Movement.Transportation.PreventPassage, Control.ImpedeInterfereWith",
        "191 Impose blockade -> COERCE:restrict; withholding supplies -> COERCE:withhold [C2P; P-MAN COERCE].",
    ),
    EventType(
        "MOBILIZE",
        "Deploying, massing or alerting forces without using force; exercises.",
        ("deployed", "massing", "alert", "exercises"),
        ("Agent", "Theme", "Destination", *_LOCUS),
        "MOBILIZE",
        "",
        ("15",),
        "ACE Movement.Transport (partial)",
        "Theme = the force. PLOVER modes troops/weapons/police/militia.",
    ),
    EventType(
        "DETAIN",
        "Arrest, detention, abduction, capture of persons.",
        ("arrest", "detention", "abduction", "capture"),
        ("Agent", "Victim", *_LOCUS),
        "COERCE",
        "arrest",
        (),
        "Justice.Arrest-Jail; KAIROS Justice.ArrestJailDetain",
        "Victim = the detainee. Combatants captured in conflict -> ASSAULT:abduct [P-MAN COERCE ambiguities].",
    ),
    EventType(
        "RELEASE",
        "Release or exchange of prisoners, hostages or bodies.",
        ("release", "exchange", "freed"),
        ("Agent", "Theme", "Recipient", *_LOCUS),
        "RETREAT",
        "release",
        ("0841",),
        "Justice.Release-Parole",
        "Theme = the released persons or bodies [C2P].",
    ),
    EventType(
        "WITHDRAW",
        "Withdrawal, retreat, pull-out, surrender, disarmament of forces.",
        ("withdrawal", "retreat", "pull-out", "surrender", "disarmament"),
        ("Agent", "Origin", "Destination", *_LOCUS),
        "RETREAT",
        "withdraw",
        ("0874",),
        "AIDA conflict.yield.retreat / surrender",
        "RETREAT:withdraw or RETREAT:disarm; announced withdrawals -> CONCEDE [P-MAN RETREAT]; FUTURE "
        "WITHDRAW -> CONCEDE at export (§4 H4).",
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
        "Declared -> CONCEDE [P-MAN CONCEDE] or RETREAT:ceasefire [C2P 0871] (conflict, see §4 H14); "
        "in force -> RETREAT:ceasefire. The `phase` attribute keeps the choice changeable without "
        "re-annotation. Agent (0.2.0) = the actor who declares or announces the ceasefire; parties bound by "
        "it are Participant, brokers Mediator.",
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
        "Theme = the evacuees; Instrument = the vehicles. AID for rescues [P-MAN AID ambiguities]; flight "
        "caused by an actor -> SANCTION:expel [P-MAN RETREAT ambiguities] (annotated as the causing event, "
        "§4 H15).",
    ),
    EventType(
        "AID",
        "Giving or delivering aid (humanitarian, financial, military), or allowing aid access.",
        ("aid", "delivered", "supplies", "access"),
        ("Agent", "Recipient", "Theme", *_LOCUS),
        "AID",
        "",
        ("07", "0863"),
        "KAIROS Transaction.Donation",
        "Allowing aid in -> RETREAT:access (0863) [C2P].",
    ),
    EventType(
        "COOPERATE",
        "Material cooperation between actors: joint operations, intelligence sharing ('tipped off'), coordination.",
        ("joint operation", "intelligence sharing", "tipped off", "coordination"),
        ("Agent", "Recipient", "Participant", "Theme", *_LOCUS),
        "COOPERATE",
        "",
        ("06", "064"),
        "",
        "Roles column reads 'Recipient/Participant': both are allowed. 064 Share intelligence or information [C2P].",
    ),
    EventType(
        "CONSULT",
        "Meetings, talks, negotiations, calls, mediation, visits.",
        ("meeting", "talks", "negotiations", "call", "mediation", "visit"),
        ("Participant", "Mediator", "Theme", *_LOCUS, "Duration"),
        "CONSULT",
        "",
        ("04", "045", "046"),
        "Contact.Meet / Phone-Write; KAIROS Contact.Contact.*; AIDA contact.negotiate.*",
        "Theme = the topic. PLOVER modes visit/third-party/multilateral/phone; future meetings -> AGREE "
        "[P-MAN CONSULT]: FUTURE or POSSIBLE CONSULT -> AGREE at export (§4 H4).",
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
        "Theme = the AGREEMENT proposed. No direct PLOVER category: AGREE when the proposer offers its own "
        "action ('offer' is in AGREE) [P-MAN AGREE]; otherwise exported with the linked REQUEST.",
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
        "Content = the event or AGREEMENT requested; Medium = the document. PLOVER modes "
        "assist/change/yield/meet; call for de-escalation = 1056 -> REQUEST:yield [C2P]. Exception: "
        "parties to a conflict calling to end it -> AGREE [P-MAN REQUEST].",
    ),
    EventType(
        "AGREE",
        "Agree to, accept, commit to, promise, sign an agreement or ceasefire deal.",
        ("agree", "accept", "commit", "promise", "sign"),
        ("Participant", "Theme", "Content", "Mediator", *_LOCUS),
        "AGREE",
        "",
        ("057",),
        "AIDA government.agreements.accept…",
        "Theme = the AGREEMENT. Sign or ratify -> SUPPORT (057) [C2P; P-MAN SUPPORT].",
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
        "Target = an entity, an AGREEMENT or an event [C2P].",
    ),
    EventType(
        "REJECT",
        "Reject, refuse, turn down, block (a request, proposal or talks).",
        ("reject", "refuse", "turn down", "block"),
        ("Agent", "Content", "Theme", "Recipient"),
        "REJECT",
        "",
        ("12",),
        "AIDA government.agreements.rejectnullify…",
        "Roles column reads 'Content/Theme': both are allowed. Recipient = the proposer. The refused event "
        "is annotated with realis DIRECTIVE [P-MAN; C2P; P-GSR REJECT-0024].",
    ),
    EventType(
        "VOTE",
        "A formal vote in a collective body (UNSC, General Assembly, parliament). Attribute `vote_value` "
        "in {for, against, veto, abstain, unspecified}.",
        ("vote", "voted", "veto", "vetoed", "abstained"),
        ("Agent", "Theme", "Forum", "Time"),
        "",
        "",
        ("129",),
        "AIDA government.vote.castvote [AIDA]",
        "Agent = the voter; Theme = the measure. veto -> REJECT:yield, 129 Veto [C2P; PETR]; a US veto is "
        "coded REJECT with the Security Council as target [P-GSR REJECT-0033]; for -> SUPPORT. Other "
        "vote values have no PLOVER category. The outcome ('failed to adopt') is not an event (§4 H7).",
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
        "Target = the accused; Content = the alleged event (attribution ALLEGED). PLOVER modes "
        "disapprove/allege/investigate; 1123 Accuse of aggression [C2P].",
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
        "PLOVER modes violence/territory/relations/... [P-MAN; C2P].",
    ),
    EventType(
        "SANCTION",
        "Sanctions, cutting ties, expelling diplomats, suspending aid or talks.",
        ("sanctions", "cut ties", "expel", "suspend"),
        ("Agent", "Target", "Theme", "Time"),
        "SANCTION",
        "",
        ("16",),
        "AIDA transaction.transaction.embargosanction",
        "PLOVER modes convict/expel/withdraw/discontinue; note that C2P maps 163 'Impose embargo... "
        "sanctions' to COERCE:restrict (§4 H14).",
    ),
    EventType(
        "PROTEST",
        "Demonstration, rally, riot, strike, sit-in.",
        ("demonstration", "rally", "riot", "strike", "sit-in"),
        ("Agent", "Target", "Theme", *_LOCUS),
        "PROTEST",
        "",
        ("14",),
        "Conflict.Demonstrate",
        "Theme = the topic. PLOVER modes demo/riot/strike/...",
    ),
)


# --------------------------------------------------------------------------------------------
# Event attributes (§2.4); order as in the machine-readable summary
# --------------------------------------------------------------------------------------------

_ALL_EVENTS: tuple[str, ...] = tuple(t.name for t in EVENT_TYPES)

EVENT_ATTRIBUTES: tuple[Attribute, ...] = (
    Attribute(
        "polarity",
        "enum",
        ("POSITIVE", "NEGATIVE"),
        _ALL_EVENTS,
        True,
        "Required on every event, default POSITIVE. NEGATIVE only when the text says the event did not "
        "happen ('fighting has not re-emerged'). ACE: 'NEGATIVE when it is explicitly indicated that the "
        "Event did not occur' [ACE-DEF]; PLOVER `negation` auxiliary mode [P-MAN §Auxiliary modes].",
        default="POSITIVE",
    ),
    Attribute(
        "realis",
        "enum",
        ("ACTUAL", "FUTURE", "POSSIBLE", "HYPOTHETICAL", "DIRECTIVE", "GENERIC"),
        _ALL_EVENTS,
        True,
        "Required on every event. ACTUAL: presented as having happened or happening. FUTURE: scheduled, "
        "announced or intended ('will meet'). POSSIBLE: hedged ('could begin', 'may'). HYPOTHETICAL: "
        "conditional or counterfactual ('if... would'). DIRECTIVE: the content of a request, proposal, "
        "offer, threat or refusal ('calling for a truce', 'threatened to shell'). GENERIC: kinds or habits. "
        "Splits Rich ERE's OTHER and ACE's Modality=OTHER into the bins PLOVER uses [ACE-DEF; P-MAN].",
    ),
    Attribute(
        "attribution",
        "enum",
        ("AUTHOR", "REPORTED", "ALLEGED"),
        _ALL_EVENTS,
        True,
        "Required on every event. AUTHOR: narrated by the outlet with no in-text source. REPORTED: "
        "attributed to a source in the text ('..., Russian officials say'); link it with ATTRIBUTED_TO. "
        "ALLEGED: the content of an accusation, or hedged with 'allegedly'/'reportedly'; never exported "
        "as fact (§4 H3). Precedents: FactBank sources and SIPs [FACTBANK]; PolNeAR [POLNEAR].",
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
        "ATTACK only, optional. The PLOVER ASSAULT mode (the weapon used) [P-MAN ASSAULT modes].",
    ),
    Attribute(
        "vote_value",
        "enum",
        ("for", "against", "veto", "abstain", "unspecified"),
        ("VOTE",),
        True,
        "VOTE only, required (use 'unspecified' when the text does not say). AIDA castvote; CAMEO 129 [AIDA; C2P].",
    ),
    Attribute(
        "phase",
        "enum",
        ("announced", "implemented", "ended"),
        ("CEASEFIRE", "WITHDRAW"),
        False,
        "CEASEFIRE and WITHDRAW only, optional. Needed for the PLOVER CONCEDE vs RETREAT split "
        "[P-MAN CONCEDE, RETREAT].",
    ),
    Attribute(
        "count",
        "text",
        (),
        ("DIE", "INJURE", "DETAIN", "EVACUATE"),
        False,
        "DIE / INJURE / DETAIN / EVACUATE only, optional: a number or the text of the quantity ('two', "
        "'dozens'). PLOVER `dead` / `injured` / `arrested` [P-MAN Size object].",
    ),
)


# --------------------------------------------------------------------------------------------
# Stance layer (§2.5)
# --------------------------------------------------------------------------------------------

STANCE_LAYER = StanceLayer(
    definition=(
        "A stance is a (holder, target, label, evidence) record: the position of an in-text actor toward "
        "an entity, an AGREEMENT or an event. It is never the outlet's (a document-level virtual holder "
        "AUTHOR exists only for opinion/analysis genres and is off by default). Reified in Label Studio as "
        "the evidence region labelled STANCE, with relations holder and stance_target."
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
        Label("QUOTE", "Direct quotation."),
        Label("REPORTED", "Indirect speech."),
        Label("ACTION", "Inferred from an action: a vote, veto, sponsorship, signature."),
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
            "The shortest contiguous span that expresses the position: the quoted words, "
            "the paraphrased content, or the action trigger ('vetoed', 'put forward') "
            "[POLNEAR content].",
            (),
            True,
            True,
        ),
        StanceSlot("cue", "The reporting predicate ('said', 'accused', 'told') [POLNEAR cue].", (), False, True),
    ),
    rules=(
        "One inferential step at most: vetoing a truce resolution is OPPOSE the resolution, not the truce.",
        "The evidence must lie inside the holder's attributed content; the outlet's word choice is not evidence.",
        "The target must be mentioned (or corefer with a mention) in the same paragraph; if its antecedent "
        "is not recoverable, mark the target with specificity=USP and antecedent_unresolved.",
        "Speech-act events (ACCUSE, REJECT, SUPPORT, REQUEST, THREATEN, VOTE) also get a stance when they "
        "express a holder's position; their trigger can serve as evidence.",
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
# Relations (§2.6)
# --------------------------------------------------------------------------------------------

RELATIONS: tuple[Relation, ...] = (
    Relation(
        "ATTRIBUTED_TO",
        "From an event trigger or a stance evidence region to the source mention that reports it (the "
        "PolNeAR source; FactBank's source). Required when an event has attribution REPORTED or ALLEGED "
        "and the source is in the text.",
        (EVENT, STANCE),
        _ACTORS,
        directed=True,
        acyclic=True,
    ),
    Relation(
        "AFFILIATED_WITH",
        "From a person or organisation to the organisation or GPE it belongs to, only when stated in the "
        "text ('Yasser al Youssef, of the Nureddine al Zinki faction'). re3d BelongsTo [RE3D]. Membership or "
        "belonging only: alliances are not affiliation, and a nested PRE premodifier ('Russian officials') "
        "needs no link. Since 0.2.0 a GPE may be a member ('members of the European Union') and a person "
        "may be what a force belongs to ('Bashar al Assad's forces').",
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
# PLOVER export (§2.3 table, §4 H4, H6, H7, H14)
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
    - CEASEFIRE: ``phase`` announced -> CONCEDE [P-MAN CONCEDE]; otherwise RETREAT (§4 H14).
    - WITHDRAW: ``phase`` announced or realis FUTURE -> CONCEDE [P-MAN RETREAT; §4 H4].
    - CONSULT: realis FUTURE or POSSIBLE -> AGREE [P-MAN CONSULT; §4 H4].
    - Everything else (ATTACK, DIE, INJURE, DAMAGE -> ASSAULT, ...): the type's ``plover`` field.

    Whether an event is exported at all (NEGATIVE polarity, ALLEGED attribution: "never exported
    as fact", §4 H3) is the exporter's decision, not this function's.

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
    """Return the PLOVER category a stance exports to (§4 H6), or '' when it exports none.

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
            "origins": {"all": ORIGINS, "gold": GOLD_ORIGINS, "silver": SILVER_ORIGINS},
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
    if not set(GOLD_ORIGINS).isdisjoint(SILVER_ORIGINS) or {*GOLD_ORIGINS, *SILVER_ORIGINS} != set(ORIGINS):
        problems.append("GOLD_ORIGINS and SILVER_ORIGINS must partition ORIGINS")
    return problems


_PROBLEMS = consistency_problems()
if _PROBLEMS:  # a broken declaration must stop every stage, not reach the data
    raise RuntimeError("schema.py is inconsistent: " + "; ".join(_PROBLEMS))
