import type { CaseOutcome, CaseType, GroupKind, MeetingFormat, MemberRole } from '../content-model';

/**
 * The steering group's work as demo content: the groups with invented people (example.no addresses,
 * never real people) from the sector's organisations, and the meetings with their cases. The meeting
 * of 3 June 2025 is the one in the 2025 minutes, cases 01/25–15/25 with their outcomes as recorded;
 * the others hold the decisions the demo products were approved by (`decisionReference` in
 * seed-data.ts), so every reference in the demo resolves to an adopted case.
 *
 * Cases are created in the order listed, each year's numbering starting at 01, so the numbers in
 * the comments are the ones they get (the seed checks it).
 */
export interface SeedMember {
  name: string;
  organisation: string;
  role: MemberRole;
  from: string;
  to?: string;
}

export interface SeedGroup {
  key: string;
  name: string;
  kind: GroupKind;
  description: string;
  /** Product slugs, for reference and working groups. */
  products?: string[];
  members: SeedMember[];
}

export interface SeedCase {
  number: string;
  type: CaseType;
  title: string;
  background?: string;
  proposal?: string;
  outcome?: CaseOutcome;
  decisionText?: string;
  /** Product slugs the case concerns; the products are linked as they are seeded. */
  products?: string[];
}

export interface SeedMeeting {
  title: string;
  group: string;
  /** A fixed day, or days from the seed date (an upcoming meeting). */
  date: string | { inDays: number };
  startTime: string;
  endTime: string;
  format: MeetingFormat;
  place?: string;
  videoUrl?: string;
  cases: (SeedCase & { startTime?: string; endTime?: string })[];
}

const organisations = {
  hso: 'Helse Sør-Øst RHF',
  hv: 'Helse Vest RHF',
  hmn: 'Helse Midt-Norge RHF',
  hn: 'Helse Nord RHF',
  ks: 'KS',
  hdir: 'Helsedirektoratet',
  digdir: 'Digitaliseringsdirektoratet (Digdir)',
  nhn: 'Norsk helsenett SF',
  lege: 'Den norske legeforening',
  nsf: 'Norsk Sykepleierforbund',
  tann: 'Den norske tannlegeforening',
  ffo: 'Funksjonshemmedes Fellesorganisasjon (FFO)',
  ikt: 'IKT-Norge',
  dt: 'Datatilsynet',
} as const;

export const seedGroups: SeedGroup[] = [
  {
    key: 'steering-group',
    name: 'Styringsgruppen for Normen',
    kind: 'steering-group',
    description: 'Beslutter Normens innhold på nivå 1–3, strategien og den årlige handlingsplanen.',
    members: [
      { name: 'Kristin Aamodt', organisation: organisations.hso, role: 'leader', from: '2023-01-01' },
      { name: 'Tor Egil Myrvang', organisation: organisations.hv, role: 'member', from: '2023-01-01' },
      { name: 'Siri Lindqvist', organisation: organisations.hmn, role: 'member', from: '2024-03-01' },
      { name: 'Per Olav Strand', organisation: organisations.hmn, role: 'member', from: '2021-01-01', to: '2024-02-29' },
      { name: 'Marte Johansen', organisation: organisations.hn, role: 'member', from: '2023-01-01' },
      { name: 'Henrik Bakke', organisation: organisations.ks, role: 'member', from: '2023-01-01' },
      { name: 'Solveig Nyhus', organisation: organisations.ks, role: 'deputy', from: '2023-01-01' },
      { name: 'Anders Vik', organisation: organisations.hdir, role: 'member', from: '2023-01-01' },
      { name: 'Lene Fossum', organisation: organisations.nhn, role: 'member', from: '2023-01-01' },
      { name: 'Ola Brekke', organisation: organisations.lege, role: 'member', from: '2023-06-01' },
      { name: 'Ingvild Sæther', organisation: organisations.nsf, role: 'member', from: '2023-06-01' },
      { name: 'Rune Haugland', organisation: organisations.tann, role: 'deputy', from: '2024-01-01' },
      { name: 'Eirik Dahl', organisation: organisations.digdir, role: 'observer', from: '2023-01-01' },
      { name: 'Hanne Moe', organisation: organisations.ffo, role: 'observer', from: '2024-01-01' },
      { name: 'Jon Erik Tveit', organisation: organisations.ikt, role: 'observer', from: '2024-01-01' },
    ],
  },
  {
    key: 'working-committee',
    name: 'Arbeidsutvalget',
    kind: 'working-committee',
    description: 'Forbereder saker til Styringsgruppen (opprettet i sak 13/25).',
    members: [
      { name: 'Kristin Aamodt', organisation: organisations.hso, role: 'leader', from: '2025-06-03' },
      { name: 'Henrik Bakke', organisation: organisations.ks, role: 'member', from: '2025-06-03' },
      { name: 'Anders Vik', organisation: organisations.hdir, role: 'member', from: '2025-06-03' },
    ],
  },
  {
    key: 'editorial-committee',
    name: 'Redaksjonskomiteen',
    kind: 'editorial-committee',
    description: 'Evaluerer jevnlig, og minst årlig, om produktene fortsatt er relevante og oppdaterte.',
    members: [
      { name: 'Tor Egil Myrvang', organisation: organisations.hv, role: 'leader', from: '2024-01-01' },
      { name: 'Ingvild Sæther', organisation: organisations.nsf, role: 'member', from: '2024-01-01' },
      { name: 'Lene Fossum', organisation: organisations.nhn, role: 'member', from: '2024-01-01' },
    ],
  },
  {
    key: 'reference-group-integrity',
    name: 'Referansegruppe for faktaark om integritet',
    kind: 'reference-group',
    description: 'Gir innspill til sekretariatets utkast til faktaark om integritet.',
    products: ['faktaark-integritet'],
    members: [
      { name: 'Mona Kvalheim', organisation: organisations.hv, role: 'member', from: '2025-09-16' },
      { name: 'Geir Alstad', organisation: organisations.ks, role: 'member', from: '2025-09-16' },
      { name: 'Trine Sandvik', organisation: organisations.dt, role: 'observer', from: '2025-09-16' },
    ],
  },
];

/** "Godkjenning av innkalling og dagsorden": the first case of every meeting. */
const agendaApproval = (number: string): SeedCase => ({
  number,
  type: 'decision',
  title: 'Godkjenning av innkalling og dagsorden',
  proposal: 'Innkalling og dagsorden godkjennes.',
  outcome: 'adopted',
  decisionText: 'Innkalling og dagsorden ble godkjent.',
});

const approval = (number: string, title: string, product: string, decisionText = `${title} godkjennes og publiseres.`): SeedCase => ({
  number,
  type: 'decision',
  title,
  proposal: `${title} godkjennes og publiseres.`,
  outcome: 'adopted',
  decisionText,
  products: [product],
});

export const seedMeetings: SeedMeeting[] = [
  {
    title: 'Styringsgruppemøte 5. desember 2023',
    group: 'steering-group',
    date: '2023-12-05',
    startTime: '10:00',
    endTime: '14:00',
    format: 'hybrid',
    place: 'Helsedirektoratet, Oslo',
    videoUrl: 'https://mote.example.no/styringsgruppen',
    cases: [agendaApproval('01/23'), approval('02/23', 'Faktaark: Mobilt utstyr', 'faktaark-mobilt-utstyr')],
  },
  {
    title: 'Styringsgruppemøte 10. desember 2024',
    group: 'steering-group',
    date: '2024-12-10',
    startTime: '10:00',
    endTime: '15:00',
    format: 'hybrid',
    place: 'Norsk helsenett, Trondheim',
    videoUrl: 'https://mote.example.no/styringsgruppen',
    cases: [
      agendaApproval('01/24'),
      approval('02/24', 'Veileder i informasjonssikkerhet og personvern for små virksomheter', 'veileder-sma-virksomheter'),
      approval('03/24', 'Veileder for personvern og informasjonssikkerhet i forskningsprosjekter', 'forskningsveileder'),
      approval('04/24', 'Revidert mandat for Styringsgruppen', 'styringsgruppens-mandat', 'Det reviderte mandatet ble vedtatt.'),
      approval('05/24', 'Faktaark 20: Sikkerhets- og samhandlingsarkitektur', 'faktaark-20-sikkerhetsarkitektur'),
    ],
  },
  {
    title: 'Styringsgruppemøte 3. juni 2025',
    group: 'steering-group',
    date: '2025-06-03',
    startTime: '09:30',
    endTime: '15:00',
    format: 'hybrid',
    place: 'KS-huset, Haakon VIIs gate 9, Oslo',
    videoUrl: 'https://mote.example.no/styringsgruppen',
    cases: [
      { ...agendaApproval('01/25'), startTime: '09:30', endTime: '09:35' },
      {
        number: '02/25',
        type: 'decision',
        title: 'Godkjenning av referat fra møte 10.12.24',
        proposal: 'Referatet fra møtet 10.12.24 godkjennes.',
        outcome: 'adopted',
        decisionText: 'Referatet fra møtet 10.12.24 ble godkjent.',
        startTime: '09:35',
        endTime: '09:40',
      },
      {
        number: '03/25',
        type: 'information',
        title: 'Sekretariatet orienterer',
        background: 'Status for handlingsplanen, nye og reviderte produkter og henvendelser siden forrige møte.',
        proposal: 'Styringsgruppen tar orienteringen til etterretning.',
        outcome: 'noted',
        startTime: '09:40',
        endTime: '10:00',
      },
      {
        number: '04/25',
        type: 'decision',
        title: 'Normen 7.0',
        background: 'Forslag til ny versjon av Normens hoveddokument etter den brede innspillsrunden.',
        proposal: 'Normen 7.0 vedtas.',
        outcome: 'adopted',
        decisionText:
          'Normen 7.0 vedtas og publiseres når forskriften til lov om digital sikkerhet trer i kraft. Endringer som følge av forskriften godkjennes pr. e-post, med 14 dagers frist (unntatt juli).',
        products: ['normen'],
        startTime: '10:00',
        endTime: '10:45',
      },
      {
        number: '05/25',
        type: 'discussion',
        title: 'Normen 7.1 eller 8.0 – forenkling av tekst',
        background: 'Skal neste versjon forenkle språket og strukturen, og hvor stor bør endringen være?',
        outcome: 'discussed',
        decisionText: 'Styringsgruppen drøftet saken. Sekretariatet kommer tilbake med et forslag til omfang.',
        startTime: '10:45',
        endTime: '11:15',
      },
      {
        number: '06/25',
        type: 'decision',
        title: 'Faktaark digital beredskap',
        proposal: 'Sekretariatet utarbeider et faktaark om digital beredskap.',
        outcome: 'adopted',
        decisionText: 'Sekretariatet utarbeider faktaarket med bistand fra store og små virksomheter.',
        startTime: '11:15',
        endTime: '11:35',
      },
      {
        number: '07/25',
        type: 'information',
        title: 'Rammeverk trygg digitalisering KS',
        proposal: 'Styringsgruppen tar orienteringen til etterretning.',
        outcome: 'noted',
        startTime: '11:35',
        endTime: '11:55',
      },
      {
        number: '08/25',
        type: 'decision',
        title: 'Fjern Normens krav i anskaffelser',
        proposal: 'Normens krav i anskaffelser saneres.',
        outcome: 'adopted',
        decisionText: 'Dokumentet saneres og gjøres tilgjengelig sammen med annet sanert materiell.',
        startTime: '12:30',
        endTime: '12:45',
      },
      {
        number: '09/25',
        type: 'information',
        title: 'Fagsymposium og PVO- og CISO-samling 7. oktober 2025',
        proposal: 'Styringsgruppen tar orienteringen til etterretning.',
        outcome: 'noted',
        startTime: '12:45',
        endTime: '13:00',
      },
      {
        number: '10/25',
        type: 'decision',
        title: 'Faktaark Integritet',
        proposal: 'Faktaarket sendes på innspillsrunde.',
        outcome: 'postponed',
        decisionText: 'Saken utsettes til septembermøtet.',
        products: ['faktaark-integritet'],
        startTime: '13:00',
        endTime: '13:15',
      },
      {
        number: '11/25',
        type: 'decision',
        title: 'Endring i forvaltningsmodellen',
        proposal: 'Forvaltningsmodellen versjon 2.0 vedtas.',
        outcome: 'adopted',
        decisionText: 'Forvaltningsmodellen versjon 2.0 ble vedtatt.',
        products: ['forvaltningsmodell'],
        startTime: '13:15',
        endTime: '13:40',
      },
      {
        number: '12/25',
        type: 'decision',
        title: 'Endring i dokumentfrist',
        proposal: 'Dokumentfristen før møtene endres.',
        outcome: 'withdrawn',
        decisionText: 'Saken ble trukket. Sekretariatet legger fram et nytt forslag i september.',
        startTime: '13:40',
        endTime: '13:50',
      },
      {
        number: '13/25',
        type: 'decision',
        title: 'Etablering av arbeidsutvalg',
        proposal: 'Det etableres et arbeidsutvalg som forbereder saker til Styringsgruppen.',
        outcome: 'adopted',
        decisionText: 'Arbeidsutvalget etableres med leder og to medlemmer.',
        startTime: '13:50',
        endTime: '14:10',
      },
      {
        number: '14/25',
        type: 'information',
        title: 'Status Normkonferansen',
        proposal: 'Styringsgruppen tar orienteringen til etterretning.',
        outcome: 'noted',
        startTime: '14:10',
        endTime: '14:30',
      },
      {
        number: '15/25',
        type: 'information',
        title: 'Åpen mikrofon',
        outcome: 'noted',
        startTime: '14:30',
        endTime: '15:00',
      },
    ],
  },
  {
    title: 'Styringsgruppemøte 16. september 2025',
    group: 'steering-group',
    date: '2025-09-16',
    startTime: '10:00',
    endTime: '14:00',
    format: 'digital',
    videoUrl: 'https://mote.example.no/styringsgruppen',
    cases: [
      agendaApproval('16/25'),
      {
        number: '17/25',
        type: 'decision',
        title: 'Faktaark Integritet (utsatt fra sak 10/25)',
        proposal: 'Utkastet sendes på innspillsrunde til medlemmene og utvalgte aktører, med referansegruppe.',
        outcome: 'adopted',
        decisionText: 'Utkastet sendes på innspillsrunde. Det etableres en referansegruppe.',
        products: ['faktaark-integritet'],
      },
      approval('18/25', 'Veileder for leverandører og leverandøroppfølging', 'veileder-leverandoroppfolging'),
      approval(
        '19/25',
        'Datatilsynets veileder om vurdering av personvernkonsekvenser (DPIA)',
        'datatilsynet-dpia',
        'Normen viser til veilederen som et nivå 3-dokument.',
      ),
      {
        number: '20/25',
        type: 'decision',
        title: 'Endring i dokumentfrist (nytt forslag etter sak 12/25)',
        proposal: 'Sakspapirer sendes ut senest 14 dager før møtet.',
        outcome: 'adopted',
        decisionText: 'Dokumentfristen er 14 dager før møtet.',
      },
    ],
  },
  {
    title: 'Styringsgruppemøte 10. mars 2026',
    group: 'steering-group',
    date: '2026-03-10',
    startTime: '10:00',
    endTime: '14:00',
    format: 'hybrid',
    place: 'Helse Vest RHF, Stavanger',
    videoUrl: 'https://mote.example.no/styringsgruppen',
    cases: [
      agendaApproval('01/26'),
      approval('02/26', 'Faktaark: Sperret adresse', 'faktaark-sperret-adresse'),
      approval('03/26', 'NSMs grunnprinsipper for IKT-sikkerhet', 'nsm-grunnprinsipper', 'Normen viser til grunnprinsippene som et nivå 3-dokument.'),
      approval('04/26', 'Veileder for internkontroll i helse- og omsorgssektoren', 'veileder-internkontroll'),
      approval('05/26', 'Faktaark: Passord og passordhåndtering', 'faktaark-passord'),
    ],
  },
  {
    title: 'Styringsgruppemøte 16. juni 2026',
    group: 'steering-group',
    date: '2026-06-16',
    startTime: '10:00',
    endTime: '14:00',
    format: 'in-person',
    place: 'Helsedirektoratet, Oslo',
    cases: [
      agendaApproval('06/26'),
      approval('07/26', 'Veileder for bruk av skytjenester', 'veileder-sky'),
      approval('08/26', 'Faktaark: Sikkerhetskrav og sikkerhetsdokumentasjon i IKT-prosjekter', 'faktaark-sikkerhet-ikt-prosjekter'),
    ],
  },
];

/**
 * The next meeting, some weeks after the seed date: its cases are not decided yet, and its document
 * deadline is the default. Numbered in the seed date's year.
 */
export const upcomingMeeting: SeedMeeting = {
  title: 'Neste styringsgruppemøte',
  group: 'steering-group',
  date: { inDays: 24 },
  startTime: '10:00',
  endTime: '14:00',
  format: 'digital',
  videoUrl: 'https://mote.example.no/styringsgruppen',
  cases: [
    { number: '', type: 'decision', title: 'Godkjenning av innkalling og dagsorden', proposal: 'Innkalling og dagsorden godkjennes.' },
    {
      number: '',
      type: 'decision',
      title: 'Faktaark Integritet etter innspillsrunden',
      background: 'Innspillene fra innspillsrunden er innarbeidet.',
      proposal: 'Faktaark Integritet godkjennes og publiseres.',
      products: ['faktaark-integritet'],
    },
    { number: '', type: 'decision', title: 'Handlingsplan for neste år', proposal: 'Handlingsplanen vedtas.' },
    { number: '', type: 'information', title: 'Sekretariatet orienterer' },
  ],
};
