import { z } from 'zod';

/**
 * Controlled vocabularies. Each entry maps the stable English code used in the API and storage
 * to the Norwegian label shown to users. The CMS UI and public pages read the labels from here.
 */
function vocabulary<const T extends Record<string, string>>(labels: T) {
  const codes = Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]];
  return { labels, codes, schema: z.enum(codes) };
}

export const productTypes = vocabulary({
  'main-document': 'Hoveddokument',
  guide: 'Veileder',
  'fact-sheet': 'Faktaark',
  'news-article': 'Nyhetsartikkel',
  'professional-article': 'Fagartikkel',
  course: 'Kurs',
  'digital-tool': 'Digitalt verktøy',
  mandate: 'Mandat',
  'governance-model': 'Forvaltningsmodell',
});
export type ProductType = z.infer<typeof productTypes.schema>;

export const governanceLevels = vocabulary({
  '1': 'Nivå 1 – Normens hoveddokument',
  '2': 'Nivå 2 – Utgitt av Styringsgruppen',
  '3': 'Nivå 3 – Utgitt av andre, anbefalt av Normen',
  '4': 'Nivå 4 – Andre produkter sekretariatet viser til',
});
export const governanceLevelSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export type GovernanceLevel = z.infer<typeof governanceLevelSchema>;

/** Chapter 7: the level follows from the product type unless an editor overrides it. */
export const defaultLevelByType: Record<ProductType, GovernanceLevel> = {
  'main-document': 1,
  guide: 2,
  'fact-sheet': 2,
  mandate: 2,
  'governance-model': 2,
  'news-article': 4,
  'professional-article': 4,
  course: 4,
  'digital-tool': 4,
};

export const topicCategories = vocabulary({
  core: 'Kjernetema',
  other: 'Annet relevant tema',
});
export type TopicCategory = z.infer<typeof topicCategories.schema>;

export const themes = vocabulary({
  'internal-control': 'Internkontroll og ledelse',
  'risk-assessment': 'Risikovurdering',
  'access-control': 'Tilgangsstyring',
  'identity-and-authentication': 'Identitet og autentisering',
  suppliers: 'Leverandører og tjenesteutsetting',
  cloud: 'Skytjenester',
  research: 'Forskning og sekundærbruk',
  'privacy-rights': 'Personvern og pasientrettigheter',
  'information-security': 'Informasjonssikkerhet',
  'incident-handling': 'Avvikshåndtering',
  'health-records': 'Pasientjournal og dokumentasjon',
  'new-technology': 'Ny teknologi og KI',
});
export type Theme = z.infer<typeof themes.schema>;

export const targetGroups = vocabulary({
  management: 'Ledelse',
  'privacy-officers': 'Personvernombud',
  'security-managers': 'Sikkerhetsledere',
  'small-organisations': 'Små virksomheter',
  'municipal-services': 'Kommunale helse- og omsorgstjenester',
  'specialist-health-services': 'Spesialisthelsetjenesten',
  suppliers: 'Leverandører',
  researchers: 'Forskere',
  'health-personnel': 'Helsepersonell',
});
export type TargetGroup = z.infer<typeof targetGroups.schema>;

/** Chapter 8: the lifecycle of the working copy of a product. */
export const productStatuses = vocabulary({
  planned: 'Planlagt',
  draft: 'Under utvikling',
  consultation: 'På høring',
  approved: 'Godkjent',
  published: 'Publisert',
  retired: 'Sanert',
});
export type ProductStatus = z.infer<typeof productStatuses.schema>;

/** What the website shows about a published product. */
export const currencies = vocabulary({
  current: 'Gjeldende',
  'not-current': 'Ikke gjeldende',
  retired: 'Sanert',
});
export type Currency = z.infer<typeof currencies.schema>;

export const evaluationOutcomes = vocabulary({
  'still-current': 'Fortsatt aktuell',
  'editorial-fix': 'Redaksjonell endring nødvendig',
  'revision-needed': 'Revisjon nødvendig',
  'no-longer-relevant': 'Ikke lenger relevant',
});
export type EvaluationOutcome = z.infer<typeof evaluationOutcomes.schema>;

export const userGroups = vocabulary({
  editor: 'Redaktør (sekretariatet)',
  committee: 'Redaksjonskomiteen',
  admin: 'Administrator',
});
export type UserGroup = z.infer<typeof userGroups.schema>;

/** Cognito's status of a user, as the user administration shows it. */
export const userStatuses = vocabulary({
  FORCE_CHANGE_PASSWORD: 'Invitert',
  CONFIRMED: 'Aktiv',
  RESET_REQUIRED: 'Må lage nytt passord',
  UNCONFIRMED: 'Ikke bekreftet',
  ARCHIVED: 'Arkivert',
  COMPROMISED: 'Sperret',
  UNKNOWN: 'Ukjent',
  EXTERNAL_PROVIDER: 'Ekstern innlogging',
});
export type UserStatus = z.infer<typeof userStatuses.schema>;

/** What the CMS, the input form and the CSV export call the stakeholder group: one word everywhere. */
export const stakeholderGroupLabel = 'Interessentgruppe';

/** Who submits input in a consultation (governance model chapter 8). */
export const stakeholderGroups = vocabulary({
  'obliged-organisation': 'Virksomhet som har sluttet seg til Normen',
  authority: 'Myndighet',
  'steering-group-member': 'Medlem av Styringsgruppen',
  supplier: 'Leverandør',
  'patient-user-organisation': 'Pasient- eller brukerorganisasjon',
  other: 'Annen',
});
export type StakeholderGroup = z.infer<typeof stakeholderGroups.schema>;

export const inputStatuses = vocabulary({
  new: 'Ny',
  considered: 'Vurdert',
  'in-action-plan': 'Tatt inn i handlingsplanen',
  'not-taken': 'Ikke tatt inn',
});
export type InputStatus = z.infer<typeof inputStatuses.schema>;

/** Why a published product is no longer delivered as current. */
export const notCurrentReasons = vocabulary({
  overdue: 'Evalueringsfristen er passert',
  outdated: 'Evaluert som ikke lenger relevant',
});
export type NotCurrentReason = z.infer<typeof notCurrentReasons.schema>;

export const jobNames = vocabulary({
  'review-check': 'Evalueringskontroll (påminnelser og ikke-gjeldende)',
  'newsletter-dispatch': 'Utsendelse av nyhetsbrev',
  'event-notifications': 'Påminnelser og meldinger til deltakere på arrangementer',
  'event-retention': 'Anonymisering av deltakere etter arrangementer',
  'seat-holds': 'Ubekreftede plasser på arrangementer går videre til ventelisten',
});
export type JobName = z.infer<typeof jobNames.schema>;

/**
 * What a job run counts, as the jobs page shows it. A job's counts are typed by these codes
 * (functions/jobs/runner.ts), so a new count cannot reach the CMS without its label.
 */
export const jobCounts = vocabulary({
  dueProducts: 'Forfalt eller frist innen 60 dager',
  remindersSent: 'Påminnelser sendt',
  emailsSent: 'E-poster sendt',
  markedNotCurrent: 'Merket ikke gjeldende',
  campaigns: 'Nyhetsbrev behandlet',
  sent: 'Sendt',
  failed: 'Feilet',
  skipped: 'Hoppet over',
  finished: 'Nyhetsbrev ferdig sendt',
  remindersQueued: 'Påminnelser lagt i kø',
  mailingsFinished: 'Utsendelser ferdige',
  emailsResent: 'E-poster sendt på nytt',
  emailsStillFailing: 'E-poster som fortsatt feiler',
  eventsAnonymised: 'Arrangementer anonymisert',
  participantsAnonymised: 'Deltakere anonymisert',
  holdsExpired: 'Holdte plasser som gikk ut',
  seatsOffered: 'Plasser tilbudt fra ventelisten',
});
export type JobCount = z.infer<typeof jobCounts.schema>;

/**
 * The counts of a run that are each one email to one person: the review check's digests (one per
 * owner), newsletter sends (one per subscriber and issue), participant emails and resent ones. Their
 * sum is how many people a run emailed ("N personer fikk e-post"); someone who got two different
 * emails in one run is counted twice.
 */
export const peopleEmailedCounts = ['emailsSent', 'sent', 'emailsResent'] as const satisfies readonly JobCount[];

export function peopleEmailed(counts: Partial<Record<string, number>>): number {
  return peopleEmailedCounts.reduce((sum, count) => sum + (counts[count] ?? 0), 0);
}

/** Newsletter interest areas; a subscriber who picks none gets the general news only. */
export const interests = vocabulary({
  guides: 'Nye og reviderte veiledere og faktaark',
  consultations: 'Høringer og innspillsrunder',
  events: 'Kurs, webinarer og Normkonferansen',
  privacy: 'Personvern',
  'information-security': 'Informasjonssikkerhet',
  'new-technology': 'Ny teknologi og kunstig intelligens',
  'steering-group': 'Styringsgruppens arbeid og vedtak',
});
export type Interest = z.infer<typeof interests.schema>;

export const subscriberStatuses = vocabulary({
  pending: 'Venter på bekreftelse',
  confirmed: 'Bekreftet',
  unsubscribed: 'Avmeldt',
  suppressed: 'Sperret (retur eller klage)',
});
export type SubscriberStatus = z.infer<typeof subscriberStatuses.schema>;

export const campaignStatuses = vocabulary({
  draft: 'Utkast',
  scheduled: 'Planlagt',
  preparing: 'Klargjøres',
  sending: 'Sendes',
  sent: 'Sendt',
});
export type CampaignStatus = z.infer<typeof campaignStatuses.schema>;

export const recipientSendStatuses = vocabulary({
  pending: 'Venter',
  sending: 'Sendes',
  sent: 'Sendt',
  failed: 'Feilet',
  skipped: 'Hoppet over (avmeldt eller sperret)',
});
export type RecipientSendStatus = z.infer<typeof recipientSendStatuses.schema>;

export const eventTypes = vocabulary({
  conference: 'Konferanse',
  webinar: 'Webinar',
  course: 'Kurs',
  'network-meeting': 'Nettverksmøte',
});
export type EventType = z.infer<typeof eventTypes.schema>;

/** How a participant attends: in-person seats are limited, streaming usually is not. */
export const attendanceModes = vocabulary({
  'in-person': 'Fysisk oppmøte',
  online: 'Digitalt (strømming)',
});
export type AttendanceMode = z.infer<typeof attendanceModes.schema>;

export const eventStatuses = vocabulary({
  draft: 'Utkast',
  open: 'Åpen for påmelding',
  closed: 'Påmeldingen er stengt',
  cancelled: 'Avlyst',
});
export type EventStatus = z.infer<typeof eventStatuses.schema>;

/**
 * Where a registration stands. `held`: a limited seat is kept for the participant until they confirm
 * it with the button behind the link in the email (or it expires and goes to the next in line).
 */
export const registrationStatuses = vocabulary({
  confirmed: 'Påmeldt',
  held: 'Plass holdt (ikke bekreftet)',
  waitlisted: 'Venteliste',
  cancelled: 'Avmeldt',
  expired: 'Ikke bekreftet i tide',
});
export type RegistrationStatus = z.infer<typeof registrationStatuses.schema>;

/** Extra questions an event asks; name, email and organisation are always asked. */
export const questionKinds = vocabulary({
  role: 'Rolle / stilling',
  dietary: 'Allergier og matbehov',
  text: 'Fritekst',
});
export type QuestionKind = z.infer<typeof questionKinds.schema>;

/** Emails to an event's participants that the notification job sends. */
export const eventMailingKinds = vocabulary({
  reminder: 'Påminnelse',
  changed: 'Endret tid eller sted',
  cancelled: 'Avlyst',
  message: 'Melding fra sekretariatet',
});
export type EventMailingKind = z.infer<typeof eventMailingKinds.schema>;

export const mailingAudiences = vocabulary({
  confirmed: 'Påmeldte',
  waitlisted: 'Venteliste',
  all: 'Påmeldte og venteliste',
});
export type MailingAudience = z.infer<typeof mailingAudiences.schema>;

/**
 * The steering group's work (governance model chapters 4–5; the 2025 minutes). A case is numbered
 * per year ("04/25") and is one of three kinds.
 */
export const caseTypes = vocabulary({
  decision: 'Beslutningssak',
  information: 'Orienteringssak',
  discussion: 'Drøftingssak',
});
export type CaseType = z.infer<typeof caseTypes.schema>;

/**
 * What the meeting (or an e-mail round) did with a case. The minutes record a decision case as
 * vedtatt, ikke vedtatt, utsatt or trukket; an information case is "tatt til orientering" and a
 * discussion case "drøftet" (the minutes write "orientering" and "drøfting"), and either may also be
 * postponed or withdrawn. `outcomesByCaseType` says which belong to which kind of case.
 */
export const caseOutcomes = vocabulary({
  adopted: 'Vedtatt',
  'not-adopted': 'Ikke vedtatt',
  postponed: 'Utsatt',
  withdrawn: 'Trukket',
  noted: 'Tatt til orientering',
  discussed: 'Drøftet',
});
export type CaseOutcome = z.infer<typeof caseOutcomes.schema>;

export const outcomesByCaseType: Record<CaseType, readonly CaseOutcome[]> = {
  decision: ['adopted', 'not-adopted', 'postponed', 'withdrawn'],
  information: ['noted', 'postponed', 'withdrawn'],
  discussion: ['discussed', 'postponed', 'withdrawn'],
};

/** A person's place in a group: observers take part but do not decide (and get no approval round). */
export const memberRoles = vocabulary({
  leader: 'Leder',
  member: 'Medlem',
  deputy: 'Vararepresentant',
  observer: 'Observatør',
});
export type MemberRole = z.infer<typeof memberRoles.schema>;

/** The groups of the governance model (chapter 4); reference and working groups belong to products. */
export const groupKinds = vocabulary({
  'steering-group': 'Styringsgruppen',
  'working-committee': 'Arbeidsutvalg',
  'editorial-committee': 'Redaksjonskomité',
  'reference-group': 'Referansegruppe',
  'working-group': 'Arbeidsgruppe',
});
export type GroupKind = z.infer<typeof groupKinds.schema>;

export const meetingFormats = vocabulary({
  'in-person': 'Fysisk møte',
  digital: 'Digitalt møte',
  hybrid: 'Fysisk og digitalt',
});
export type MeetingFormat = z.infer<typeof meetingFormats.schema>;
