import type { EvaluationOutcome, InputSubmission, Interest, ProductCreate } from '../content-model';

/**
 * Demo products drawn from Normen's own material (the governance model, the 2023 action plan and
 * the internal-control guide). `publishedMonthsAgo` is relative to the day the seed runs, so the
 * demo always has products that are current, due soon and overdue.
 */
export interface SeedProduct {
  product: Omit<
    ProductCreate,
    'summary' | 'body' | 'attachments' | 'legalReferences' | 'relatedProducts' | 'riskOrTechnology' | 'themes' | 'targetGroups' | 'currentNeed' | 'status'
  > &
    Partial<Pick<ProductCreate, 'summary' | 'body' | 'legalReferences' | 'riskOrTechnology' | 'themes' | 'targetGroups' | 'currentNeed'>>;
  /** Published this many months (fractions allowed) before today; absent = still a draft. */
  publishedMonthsAgo?: number;
  /** The adopted case in the seeded decision register (local/seed-governance.ts) that approved it (levels 1–3). */
  decisionReference?: string;
  /** Stop in consultation instead of publishing. */
  inConsultation?: boolean;
  retire?: boolean;
  pdf?: boolean;
  /** After publishing, start the next version as a draft (the published one stays served). */
  nextDraft?: { summary: string };
  /** Body text file under local/seed-content/. */
  bodyFile?: string;
  /** An evaluation recorded this many months before today. */
  evaluation?: { monthsAgo: number; outcome: EvaluationOutcome; note: string };
}

/** Input submitted to the open consultation (or as general needs) after the products are seeded. */
export const seedInputs: (Omit<InputSubmission, 'consultationId'> & { toConsultationOf?: string })[] = [
  {
    toConsultationOf: 'faktaark-integritet',
    name: 'Per Hansen',
    email: 'per.hansen@helse-vest.local',
    organisation: 'Helse Vest IKT',
    stakeholderGroup: 'obliged-organisation',
    text: 'Faktaarket bør si mer om integritetskontroll ved integrasjoner mellom journalsystemer.',
  },
  {
    toConsultationOf: 'faktaark-integritet',
    name: 'Lise Berg',
    email: 'lise.berg@leverandor.local',
    organisation: 'Journal AS',
    stakeholderGroup: 'supplier',
    text: 'Kravet om logging av endringer bør skille mellom strukturerte og ustrukturerte data.',
  },
  {
    name: 'Anne Lund',
    email: 'anne.lund@kommune.local',
    organisation: 'Bergen kommune',
    stakeholderGroup: 'obliged-organisation',
    text: 'Vi trenger en veileder om bruk av KI-verktøy i kommunale helse- og omsorgstjenester.',
  },
];

const secretariat = { name: 'Sekretariatet for Normen', email: 'normen@normen.local' };
const ingrid = { name: 'Ingrid Berg', email: 'ingrid.berg@normen.local' };
const jonas = { name: 'Jonas Lie', email: 'jonas.lie@normen.local' };
const sara = { name: 'Sara Haugen', email: 'sara.haugen@normen.local' };

export const seedProducts: SeedProduct[] = [
  {
    product: {
      title: 'Norm for informasjonssikkerhet og personvern i helse- og omsorgssektoren',
      slug: 'normen',
      type: 'main-document',
      topicCategory: 'core',
      owner: secretariat,
      themes: ['information-security', 'privacy-rights', 'internal-control'],
      targetGroups: ['management', 'privacy-officers', 'security-managers'],
      summary: 'Normens hoveddokument: sektorens felles krav til informasjonssikkerhet og personvern.',
      body: '<p>Normen er en bransjenorm for informasjonssikkerhet og personvern i helse- og omsorgssektoren, utarbeidet og forvaltet av sektoren selv.</p>',
      legalReferences: [{ title: 'Personopplysningsloven', url: 'https://lovdata.no/lov/2018-06-15-38' }, { title: 'Pasientjournalloven' }],
    },
    publishedMonthsAgo: 4,
    decisionReference: '04/25',
    pdf: true,
  },
  {
    product: {
      title: 'Veileder for internkontroll i helse- og omsorgssektoren',
      slug: 'veileder-internkontroll',
      type: 'guide',
      topicCategory: 'core',
      owner: ingrid,
      themes: ['internal-control', 'information-security'],
      targetGroups: ['management', 'security-managers', 'privacy-officers'],
      summary: 'Setter aktivitetene i internkontrollen for informasjonssikkerhet og personvern inn i en større sammenheng.',
    },
    bodyFile: 'veileder-internkontroll.txt',
    publishedMonthsAgo: 5.4,
    decisionReference: '04/26',
    pdf: true,
  },
  {
    product: {
      title: 'Veileder for leverandører og leverandøroppfølging',
      slug: 'veileder-leverandoroppfolging',
      type: 'guide',
      topicCategory: 'core',
      owner: jonas,
      themes: ['suppliers'],
      targetGroups: ['management', 'suppliers'],
      summary: 'Krav til og oppfølging av leverandører som behandler helse- og personopplysninger.',
    },
    publishedMonthsAgo: 7,
    decisionReference: '18/25',
    pdf: true,
  },
  {
    product: {
      title: 'Veileder for bruk av skytjenester',
      slug: 'veileder-sky',
      type: 'guide',
      topicCategory: 'core',
      riskOrTechnology: true,
      owner: jonas,
      themes: ['cloud', 'suppliers', 'risk-assessment'],
      targetGroups: ['security-managers', 'suppliers'],
      summary: 'Risikovurdering og krav ved bruk av skytjenester i helse- og omsorgssektoren.',
    },
    publishedMonthsAgo: 2,
    decisionReference: '07/26',
    nextDraft: { summary: 'Revisjon: oppdatert etter nye krav til tredjelandsoverføring.' },
  },
  {
    product: {
      title: 'Veileder i informasjonssikkerhet og personvern for små virksomheter',
      slug: 'veileder-sma-virksomheter',
      type: 'guide',
      topicCategory: 'other',
      owner: sara,
      themes: ['internal-control'],
      targetGroups: ['small-organisations'],
      summary: 'Forenklet veiledning tilpasset små virksomheter i sektoren.',
      currentNeed: true,
    },
    publishedMonthsAgo: 13,
    decisionReference: '02/24',
  },
  {
    product: {
      title: 'Veileder for personvern og informasjonssikkerhet i forskningsprosjekter',
      slug: 'forskningsveileder',
      type: 'guide',
      topicCategory: 'other',
      owner: sara,
      themes: ['research', 'privacy-rights'],
      targetGroups: ['researchers'],
      summary: 'Veiledning om behandling av helseopplysninger i forskning.',
    },
    publishedMonthsAgo: 11,
    decisionReference: '03/24',
    pdf: true,
    evaluation: { monthsAgo: 1, outcome: 'revision-needed', note: 'Må oppdateres etter ny helseforskningslov.' },
  },
  {
    product: {
      title: 'Faktaark: Sperret adresse',
      slug: 'faktaark-sperret-adresse',
      type: 'fact-sheet',
      topicCategory: 'core',
      owner: ingrid,
      themes: ['privacy-rights', 'health-records'],
      targetGroups: ['health-personnel', 'municipal-services'],
      summary: 'Hvordan opplysninger om personer med sperret adresse skal beskyttes.',
    },
    publishedMonthsAgo: 6.5,
    decisionReference: '02/26',
  },
  {
    product: {
      title: 'Faktaark: Passord og passordhåndtering',
      slug: 'faktaark-passord',
      type: 'fact-sheet',
      topicCategory: 'other',
      riskOrTechnology: true,
      owner: jonas,
      themes: ['identity-and-authentication'],
      targetGroups: ['security-managers'],
      summary: 'Anbefalinger for passordpolicy og alternativer til passord.',
    },
    publishedMonthsAgo: 5.3,
    decisionReference: '05/26',
  },
  {
    product: {
      title: 'Faktaark: Sikkerhetskrav og sikkerhetsdokumentasjon i IKT-prosjekter',
      slug: 'faktaark-sikkerhet-ikt-prosjekter',
      type: 'fact-sheet',
      topicCategory: 'other',
      owner: jonas,
      themes: ['information-security', 'risk-assessment'],
      targetGroups: ['security-managers', 'suppliers'],
      summary: 'Sikkerhet fra start i anskaffelser og IKT-prosjekter.',
    },
    publishedMonthsAgo: 3,
    decisionReference: '08/26',
  },
  {
    product: {
      title: 'Faktaark: Integritet',
      slug: 'faktaark-integritet',
      type: 'fact-sheet',
      topicCategory: 'core',
      owner: ingrid,
      themes: ['information-security', 'health-records'],
      targetGroups: ['security-managers', 'health-personnel'],
      summary: 'Hvordan sikre at helseopplysninger er korrekte og fullstendige.',
    },
    inConsultation: true,
  },
  {
    product: {
      title: 'Faktaark 20: Sikkerhets- og samhandlingsarkitektur',
      slug: 'faktaark-20-sikkerhetsarkitektur',
      type: 'fact-sheet',
      topicCategory: 'other',
      riskOrTechnology: true,
      owner: jonas,
      themes: ['information-security'],
      targetGroups: ['security-managers', 'suppliers'],
      summary: 'Prinsipper for sikker samhandling mellom virksomheter.',
    },
    publishedMonthsAgo: 8,
    decisionReference: '05/24',
  },
  {
    product: {
      title: 'Faktaark: Mobilt utstyr',
      slug: 'faktaark-mobilt-utstyr',
      type: 'fact-sheet',
      topicCategory: 'other',
      owner: sara,
      themes: ['information-security'],
      targetGroups: ['health-personnel'],
      summary: 'Eldre faktaark om bruk av mobilt utstyr. Sanert; erstattet av nyere veiledning.',
    },
    publishedMonthsAgo: 30,
    decisionReference: '02/23',
    retire: true,
    pdf: true,
  },
  {
    product: {
      title: 'Styringsgruppens mandat',
      slug: 'styringsgruppens-mandat',
      type: 'mandate',
      topicCategory: 'other',
      owner: secretariat,
      themes: ['internal-control'],
      targetGroups: ['management'],
      summary: 'Mandat for Styringsgruppen for Normen.',
    },
    publishedMonthsAgo: 10.5,
    decisionReference: '04/24',
    evaluation: { monthsAgo: 2, outcome: 'still-current', note: 'Gjennomgått av redaksjonskomiteen.' },
  },
  {
    product: {
      title: 'Forvaltningsmodell for Normen',
      slug: 'forvaltningsmodell',
      type: 'governance-model',
      topicCategory: 'other',
      owner: secretariat,
      themes: ['internal-control'],
      targetGroups: ['management'],
      summary: 'Hvordan Normens produkter utvikles, vedtas, evalueres og saneres.',
    },
    bodyFile: 'forvaltningsmodell.txt',
    publishedMonthsAgo: 1,
    decisionReference: '11/25',
  },
  {
    product: {
      title: 'NSMs grunnprinsipper for IKT-sikkerhet',
      slug: 'nsm-grunnprinsipper',
      type: 'guide',
      level: 3,
      topicCategory: 'core',
      riskOrTechnology: true,
      owner: jonas,
      publisher: 'Nasjonal sikkerhetsmyndighet (NSM)',
      themes: ['information-security', 'risk-assessment'],
      targetGroups: ['security-managers'],
      summary: 'Normen viser til NSMs grunnprinsipper, kartlagt mot Normens krav.',
    },
    publishedMonthsAgo: 6.2,
    decisionReference: '03/26',
  },
  {
    product: {
      title: 'Datatilsynets veileder om vurdering av personvernkonsekvenser (DPIA)',
      slug: 'datatilsynet-dpia',
      type: 'guide',
      level: 3,
      topicCategory: 'other',
      owner: sara,
      publisher: 'Datatilsynet',
      themes: ['privacy-rights', 'risk-assessment'],
      targetGroups: ['privacy-officers'],
      summary: 'Når og hvordan en DPIA skal gjennomføres.',
    },
    publishedMonthsAgo: 12.5,
    decisionReference: '19/25',
  },
  {
    product: {
      title: 'Kunstig intelligens og risiko i helsesektoren',
      slug: 'artikkel-ki-og-risiko',
      type: 'professional-article',
      topicCategory: 'other',
      riskOrTechnology: true,
      owner: ingrid,
      themes: ['new-technology', 'risk-assessment'],
      targetGroups: ['management', 'security-managers'],
      summary: 'Fagartikkel om risikovurdering ved bruk av KI.',
    },
    publishedMonthsAgo: 22.5,
  },
  {
    product: {
      title: 'Zero Trust – hva betyr det for helsesektoren?',
      slug: 'artikkel-zero-trust',
      type: 'professional-article',
      topicCategory: 'other',
      riskOrTechnology: true,
      owner: jonas,
      themes: ['information-security', 'new-technology'],
      targetGroups: ['security-managers'],
      summary: 'Fagartikkel om Zero Trust-arkitektur.',
    },
  },
  {
    product: {
      title: 'Intro til Normen',
      slug: 'intro-til-normen',
      type: 'course',
      topicCategory: 'other',
      owner: secretariat,
      themes: ['internal-control'],
      targetGroups: ['management', 'small-organisations'],
      summary: 'Webbasert introkurs om Normen.',
    },
    publishedMonthsAgo: 9,
  },
];

/** Demo newsletter subscribers (confirmed through the real double opt-in flow by the seed). */
export const seedSubscribers: { email: string; interests: Interest[] }[] = [
  { email: 'ingrid.personvern@helse-nord.local', interests: ['privacy', 'guides'] },
  { email: 'ole.sikkerhet@kommune.local', interests: ['information-security', 'events'] },
  { email: 'kari.leder@sykehus.local', interests: [] },
  { email: 'jens.it@leverandor.local', interests: ['new-technology', 'consultations'] },
  { email: 'anne.kurs@legekontor.local', interests: ['events'] },
];

export const seedCampaigns: { subject: string; body: string; interests: Interest[]; send: boolean }[] = [
  {
    subject: 'Nytt i Normen: revidert veileder for internkontroll',
    body: '<p>Styringsgruppen har vedtatt en revidert veileder for internkontroll i helse- og omsorgssektoren.</p><p>Veilederen setter aktivitetene i internkontrollen inn i en større sammenheng.</p>',
    interests: [],
    send: true,
  },
  {
    subject: 'Invitasjon: webinar om skytjenester',
    body: '<p>Bli med på et 30 minutters webinar om Normens veileder for bruk av skytjenester.</p>',
    interests: ['events'],
    send: false,
  },
];

/** Demo events, placed relative to today: in days from now and Oslo wall-clock hours. */
export interface SeedEvent {
  input: Record<string, unknown>;
  inDays: number;
  hours: [start: number, end: number];
  sessions?: { id: string; title: string; speaker?: string; hours: [number, number]; capacity?: number }[];
  /** `confirms`: presses «Bekreft plassen» in the email; the others' limited seats stay held (or they wait in line). */
  participants: {
    name: string;
    email: string;
    organisation: string;
    mode: 'in-person' | 'online';
    sessions?: string[];
    answers?: Record<string, string>;
    confirms?: boolean;
  }[];
}

export const seedEvents: SeedEvent[] = [
  {
    input: {
      type: 'conference',
      title: 'Normkonferansen 2026',
      description: '<p>Den årlige konferansen om informasjonssikkerhet og personvern i helse- og omsorgssektoren. Delta i salen eller følg strømmingen.</p>',
      venue: 'Oslo Kongressenter, Youngs gate 21, Oslo',
      attendance: [
        { mode: 'in-person', capacity: 120 },
        { mode: 'online', capacity: null },
      ],
      questions: [
        { id: 'rolle', kind: 'role', label: 'Rolle / stilling', required: true },
        { id: 'mat', kind: 'dietary', label: 'Allergier eller matbehov', required: false },
      ],
      streamingUrl: 'https://stream.normen.no/normkonferansen-2026',
    },
    inDays: 30,
    hours: [9, 16],
    sessions: [
      { id: 'apning', title: 'Åpning: Nytt i Normen', speaker: 'Styringsgruppens leder', hours: [9, 9.5] },
      { id: 'ki', title: 'Kunstig intelligens og personvern', speaker: 'Datatilsynet', hours: [9.5, 10.5] },
      { id: 'workshop-risiko', title: 'Workshop: risikovurdering i praksis', speaker: 'Sekretariatet', hours: [11, 12], capacity: 2 },
      { id: 'sky', title: 'Skytjenester etter ny veileder', hours: [13, 14] },
      { id: 'avslutning', title: 'Oppsummering og veien videre', hours: [15, 16] },
    ],
    participants: [
      {
        name: 'Kari Nordmann',
        email: 'kari.nordmann@helse-nord.example',
        organisation: 'Helse Nord RHF',
        mode: 'in-person',
        sessions: ['apning', 'workshop-risiko'],
        answers: { rolle: 'Personvernombud', mat: 'Glutenfri' },
        confirms: true,
      },
      {
        name: 'Ola Hansen',
        email: 'ola.hansen@kommune.example',
        organisation: 'Bodø kommune',
        mode: 'in-person',
        sessions: ['workshop-risiko', 'sky'],
        answers: { rolle: 'IKT-sikkerhetsleder' },
      },
      {
        name: 'Ingrid Berg',
        email: 'ingrid.berg@leverandor.example',
        organisation: 'Journal AS',
        mode: 'online',
        sessions: ['ki', 'sky'],
        answers: { rolle: 'Produktansvarlig' },
      },
    ],
  },
  {
    input: {
      type: 'course',
      title: 'Intro til Normen',
      description: '<p>Digitalt og fysisk kurs for deg som er ny i arbeidet med Normen: krav, roller og hvor du finner veiledningen.</p>',
      venue: 'Direktoratet for e-helse, Verkstedveien 1, Oslo',
      attendance: [
        { mode: 'in-person', capacity: 3 },
        { mode: 'online', capacity: 50 },
      ],
      questions: [{ id: 'virksomhetstype', kind: 'text', label: 'Hva slags virksomhet jobber du i?', required: false }],
    },
    inDays: 14,
    hours: [9, 12],
    participants: [
      { name: 'Per Olsen', email: 'per.olsen@legekontor.example', organisation: 'Sentrum legekontor', mode: 'in-person', confirms: true },
      { name: 'Siri Lie', email: 'siri.lie@tannlege.example', organisation: 'Lie tannklinikk', mode: 'in-person', confirms: true },
      { name: 'Ahmed Khan', email: 'ahmed.khan@sykehus.example', organisation: 'Sykehuset Innlandet', mode: 'in-person' },
      { name: 'Marte Dahl', email: 'marte.dahl@kommune.example', organisation: 'Tromsø kommune', mode: 'in-person' },
      { name: 'Jonas Vik', email: 'jonas.vik@apotek.example', organisation: 'Vik apotek', mode: 'in-person' },
      { name: 'Eva Strand', email: 'eva.strand@fysio.example', organisation: 'Strand fysioterapi', mode: 'online', confirms: true },
    ],
  },
  {
    input: {
      type: 'webinar',
      title: 'Webinar: skytjenester med utgangspunkt i Normens veileder',
      description: '<p>Gjennomgang av veilederen om skytjenester. Varighet: 30 minutter.</p>',
      attendance: [{ mode: 'online', capacity: null }],
      streamingUrl: 'https://webinar.normen.no/skytjenester',
    },
    inDays: 10,
    hours: [14, 14.5],
    participants: [{ name: 'Lars Moe', email: 'lars.moe@helse-vest.example', organisation: 'Helse Vest IKT', mode: 'online' }],
  },
  {
    input: {
      type: 'network-meeting',
      title: 'Nettverksmøte for personvernombud og sikkerhetsledere',
      description: '<p>Erfaringsdeling om avvikshåndtering og tilgangsstyring.</p>',
      eligibility: 'For personvernombud og informasjonssikkerhetsledere (CISO) i virksomheter som har sluttet seg til Normen.',
      venue: 'Clarion Hotel Trondheim',
      attendance: [{ mode: 'in-person', capacity: 40 }],
      questions: [{ id: 'rolle', kind: 'role', label: 'Rolle', required: true }],
    },
    inDays: 45,
    hours: [10, 15],
    participants: [],
  },
];
