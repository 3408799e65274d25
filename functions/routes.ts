import type { z } from 'zod';
import {
  deliveredProductSchema,
  deliveredProductSummarySchema,
  deliveryQuerySchema,
  overviewQuerySchema,
  cursorPaginated,
  paginated,
  productCreateSchema,
  productHistorySchema,
  productIdParamsSchema,
  productSchema,
  productVersionParamsSchema,
  productVersionSchema,
  productUpdateSchema,
  slugParamsSchema,
  transitionSchema,
  uploadRequestSchema,
  uploadTicketSchema,
} from '../content-model';
import { z as zod } from 'zod';
import {
  consultationIdParamsSchema,
  consultationSchema,
  consultationUpdateSchema,
  dashboardSchema,
  evaluationRequestSchema,
  evaluationResultSchema,
  evaluationSchema,
  inputFormQuerySchema,
  inputParamsSchema,
  inputSubmissionSchema,
  inputTriageSchema,
  jobHealthSchema,
  jobParamsSchema,
  jobPreviewSchema,
  jobRunQuerySchema,
  jobRunSchema,
  openConsultationsSchema,
  archivedNewsletterSchema,
  archivedNewsletterSummarySchema,
  campaignIdParamsSchema,
  campaignInputSchema,
  campaignPageQuerySchema,
  campaignSchema,
  campaignSendSchema,
  campaignUpdateSchema,
  preferencesUpdateSchema,
  subscriberIdParamsSchema,
  subscriberPageQuerySchema,
  subscriberQuerySchema,
  subscriberSchema,
  subscriptionRequestSchema,
  tokenQuerySchema,
  priorityRowSchema,
  stakeholderInputSchema,
  eventIdParamsSchema,
  eventInputSchema,
  eventMailingSchema,
  eventMessageSchema,
  eventUpdateSchema,
  eventWithCountsSchema,
  publicEventSchema,
  registrationChangeSchema,
  registrationParamsSchema,
  registrationPageQuerySchema,
  registrationQuerySchema,
  registrationRequestSchema,
  registrationSchema,
  listedRegistrationSchema,
  eventCountsSchema,
  auditRecordSchema,
  managedUserSchema,
  userInviteSchema,
  userUpdateSchema,
  usernameParamsSchema,
  caseCreateSchema,
  caseIdParamsSchema,
  caseQuerySchema,
  caseSchema,
  caseUpdateSchema,
  decisionEntrySchema,
  decisionQuerySchema,
  groupCreateSchema,
  groupIdParamsSchema,
  groupUpdateSchema,
  groupWithMembersSchema,
  meetingCreateSchema,
  meetingIdParamsSchema,
  meetingSchema,
  meetingUpdateSchema,
  memberCreateSchema,
  memberParamsSchema,
  memberSchema,
  memberUpdateSchema,
  publicDecisionQuerySchema,
  publicDecisionSchema,
} from '../content-model';

/**
 * What a Lambda may touch, declared once: the CDK derives each function's grants and environment
 * from it (infra/stateless-stack.ts), and the local server gives each function exactly that
 * environment (functions/lambda-environment.ts), so a function that does not declare `mail` has no
 * SES settings in AWS or locally.
 * - table: `read` (get, query); `read-count` (plus PutItem and UpdateItem, no delete: download counters, the once-per-client-per-day markers and the day's salt); `read-write`
 * - files: presigned downloads (`read`) or downloads and uploads (`read-write`) in the files bucket
 * - mail: `send` through the one SES identity; `dispatch` also reads the account's send rate (the newsletter dispatcher)
 * - linkSecret: signs or verifies the links in emails (newsletter and event registration links share one signer)
 * - urls: base URLs it puts into links or pages: the public API's and the CMS UI's
 * - invokes: functions it invokes synchronously through the Lambda Invoke API (their names in its
 *   environment, lambda:InvokeFunction on exactly those), e.g. "run now" runs the jobs function
 * - userPool: `admin` calls the Cognito admin actions of the user administration on the one pool
 *   (functions/users/user-directory.ts lists them; the CDK grants exactly those)
 * - timeoutSeconds: the function's timeout (Lambda's, and enforced by the local server)
 */
export interface LambdaNeeds {
  readonly table: 'read' | 'read-count' | 'read-write';
  readonly files?: 'read' | 'read-write';
  readonly mail?: 'send' | 'dispatch';
  readonly linkSecret?: true;
  readonly urls?: readonly ('publicApi' | 'cms')[];
  /** Keys of `lambdas`; checked where the environment is derived (functions/lambda-environment.ts). */
  readonly invokes?: readonly string[];
  readonly userPool?: 'admin';
  readonly timeoutSeconds: number;
}

interface LambdaDeclaration {
  entry: string;
  description: string;
  memoryMb: number;
  trigger: 'http' | 'schedule' | 'sns';
  needs: LambdaNeeds;
}

/**
 * HTTP API integrations give up after 30 s, so a function behind the API stops well before; a
 * scheduled job may work through a backlog (the newsletter dispatcher stops sending after 4 of its
 * 5 minutes); an SES event is a few table writes.
 */
const httpTimeoutSeconds = 10;

/**
 * The API surface, declared once. The CDK app creates one Lambda per entry in `lambdas` and one
 * HTTP API route per entry in `routes`; the local server reads the same list; the OpenAPI
 * document is generated from it. Pure data: importing it must never touch AWS or the environment.
 */
export const lambdas = {
  platform: {
    entry: 'functions/handlers/platform.ts',
    description: 'Health check, OpenAPI document and the accessibility statement',
    memoryMb: 256,
    trigger: 'http',
    needs: { table: 'read', timeoutSeconds: httpTimeoutSeconds },
  },
  delivery: {
    entry: 'functions/handlers/delivery.ts',
    description: 'Public delivery API for published products',
    memoryMb: 512,
    trigger: 'http',
    // Download counters; presigned downloads; registration form links in the public event list.
    needs: { table: 'read-count', files: 'read', urls: ['publicApi'], timeoutSeconds: httpTimeoutSeconds },
  },
  products: {
    entry: 'functions/handlers/products.ts',
    description: 'Editor API: products and the document overview',
    memoryMb: 512,
    trigger: 'http',
    needs: { table: 'read-write', files: 'read-write', timeoutSeconds: httpTimeoutSeconds },
  },
  review: {
    entry: 'functions/handlers/review.ts',
    description: 'Editor API: evaluations, dashboard, priority report, job status',
    memoryMb: 512,
    trigger: 'http',
    // "Run now" invokes the jobs function, which sends the reminders, newsletters and event emails itself.
    needs: { table: 'read-write', invokes: ['jobs'], timeoutSeconds: httpTimeoutSeconds },
  },
  consultations: {
    entry: 'functions/handlers/consultations.ts',
    description: 'Editor API: consultations and stakeholder input triage',
    memoryMb: 512,
    trigger: 'http',
    needs: { table: 'read-write', timeoutSeconds: httpTimeoutSeconds },
  },
  // Submissions, rate-limit counters and receipts.
  inputs: {
    entry: 'functions/handlers/inputs.ts',
    description: 'Public input form and submissions',
    memoryMb: 256,
    trigger: 'http',
    needs: { table: 'read-write', mail: 'send', timeoutSeconds: httpTimeoutSeconds },
  },
  newsletter: {
    entry: 'functions/handlers/newsletter.ts',
    description: 'Public newsletter sign-up, confirmation, preferences and one-click unsubscribe',
    memoryMb: 256,
    trigger: 'http',
    needs: { table: 'read-write', mail: 'send', linkSecret: true, urls: ['publicApi'], timeoutSeconds: httpTimeoutSeconds },
  },
  newsletterAdmin: {
    entry: 'functions/handlers/newsletterAdmin.ts',
    description: 'Editor API: newsletter campaigns and subscribers',
    memoryMb: 512,
    trigger: 'http',
    // Test sends of an issue, with the links they carry.
    needs: { table: 'read-write', mail: 'send', linkSecret: true, urls: ['publicApi'], timeoutSeconds: httpTimeoutSeconds },
  },
  jobs: {
    entry: 'functions/handlers/jobs.ts',
    description: 'Scheduled jobs (functions/schedules.ts), also run on demand from the CMS',
    memoryMb: 512,
    trigger: 'schedule',
    // Reminder digests (CMS links), newsletters and event emails (signed links to the public API).
    needs: { table: 'read-write', mail: 'dispatch', linkSecret: true, urls: ['publicApi', 'cms'], timeoutSeconds: 300 },
  },
  events: {
    entry: 'functions/handlers/events.ts',
    description: 'Public event registration form, registrations and cancel links',
    memoryMb: 256,
    trigger: 'http',
    // Registrations (a seat or the waitlist in one transaction), cancellations, rate limits; their emails and cancel links.
    needs: { table: 'read-write', mail: 'send', linkSecret: true, urls: ['publicApi'], timeoutSeconds: httpTimeoutSeconds },
  },
  eventsAdmin: {
    entry: 'functions/handlers/eventsAdmin.ts',
    description: 'Editor API: events, programs, registrations, check-in and participant emails',
    memoryMb: 512,
    trigger: 'http',
    // Promotion emails (with cancel links) when an editor frees a seat.
    needs: { table: 'read-write', mail: 'send', linkSecret: true, urls: ['publicApi'], timeoutSeconds: httpTimeoutSeconds },
  },
  userAdmin: {
    entry: 'functions/handlers/userAdmin.ts',
    description: 'Admin API: the people in the user pool, their groups, invitations and removal',
    memoryMb: 256,
    trigger: 'http',
    // Invitations go out through SES with the CMS address; the user-admin lock is an item in the table.
    needs: { table: 'read-write', mail: 'send', urls: ['cms'], userPool: 'admin', timeoutSeconds: httpTimeoutSeconds },
  },
  governance: {
    entry: 'functions/handlers/governance.ts',
    description: "Editor API: the steering group's groups and members, meetings, numbered cases and the decision register",
    memoryMb: 512,
    trigger: 'http',
    needs: { table: 'read-write', timeoutSeconds: httpTimeoutSeconds },
  },
  // Settles recipient sends, suppresses addresses, counts bounces.
  sesFeedback: {
    entry: 'functions/handlers/sesFeedback.ts',
    description: 'SES events via SNS: send reconciliation, bounces and complaints',
    memoryMb: 256,
    trigger: 'sns',
    needs: { table: 'read-write', timeoutSeconds: 30 },
  },
} as const satisfies Record<string, LambdaDeclaration>;
export type LambdaName = keyof typeof lambdas;

/**
 * public: anyone; read: any signed-in group; review: editors, committee members and admins (recording
 * evaluations); write: editors and admins; admin: admins only (running jobs, managing users).
 */
export type Access = 'public' | 'read' | 'review' | 'write' | 'admin';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteDeclaration {
  operationId: string;
  method: HttpMethod;
  path: string;
  lambda: LambdaName;
  access: Access;
  summary: string;
  request?: { params?: z.ZodType; query?: z.ZodType; body?: z.ZodType };
  response: {
    status: number;
    contentType?: string;
    schema?: z.ZodType;
    cache?: 'public' | 'none';
    /** Also answers text/csv, for `format=csv` or `Accept: text/csv` (the same filters). */
    csv?: true;
    /** Another success answer the operation gives for some requests (a dry run's preview, say). */
    alternative?: { status: number; schema: z.ZodType; description: string };
  };
  /** Also takes a plain HTML form post (application/x-www-form-urlencoded) and answers it with a page. */
  formPost?: true;
  /** Limited per client (functions/shared/rate-limit.ts): over the limit, a 429 with Retry-After. */
  rateLimited?: true;
}

export const routes = [
  {
    operationId: 'health',
    method: 'GET',
    path: '/health',
    lambda: 'platform',
    access: 'public',
    summary: 'Liveness and table reachability',
    response: { status: 200, schema: zod.object({ status: zod.literal('ok') }) },
  },
  {
    operationId: 'openapi',
    method: 'GET',
    path: '/openapi.json',
    lambda: 'platform',
    access: 'public',
    summary: 'This API as OpenAPI 3.1',
    response: { status: 200, cache: 'public' },
  },
  {
    operationId: 'showAccessibilityStatement',
    method: 'GET',
    path: '/tilgjengelighet',
    lambda: 'platform',
    access: 'public',
    summary: 'The accessibility statement (HTML), linked from every public page',
    response: { status: 200, contentType: 'text/html', cache: 'public' },
  },

  {
    operationId: 'listPublishedProducts',
    method: 'GET',
    path: '/content/products',
    lambda: 'delivery',
    access: 'public',
    summary: 'Published products (archive=true for retired ones)',
    request: { query: deliveryQuerySchema },
    response: { status: 200, schema: zod.object({ items: zod.array(deliveredProductSummarySchema) }), cache: 'public' },
  },
  {
    operationId: 'getPublishedProduct',
    method: 'GET',
    path: '/content/products/{slug}',
    lambda: 'delivery',
    access: 'public',
    summary: 'The current published version of a product, with its currency',
    request: { params: slugParamsSchema },
    response: { status: 200, schema: deliveredProductSchema, cache: 'public' },
  },
  {
    operationId: 'downloadProductFile',
    method: 'GET',
    path: '/content/products/{slug}/download',
    lambda: 'delivery',
    access: 'public',
    summary: 'Redirects to a short-lived URL of the PDF and counts the download',
    request: { params: slugParamsSchema },
    response: { status: 302, cache: 'none' },
  },

  {
    operationId: 'listOverview',
    method: 'GET',
    path: '/admin/products',
    lambda: 'products',
    access: 'read',
    summary: 'The document overview: filter, sort, paginate',
    request: { query: overviewQuerySchema },
    response: { status: 200, schema: paginated(productSchema) },
  },
  {
    operationId: 'exportOverviewCsv',
    method: 'GET',
    path: '/admin/overview.csv',
    lambda: 'products',
    access: 'read',
    summary: 'The document overview as CSV (same filters and sorting)',
    request: { query: overviewQuerySchema },
    response: { status: 200, contentType: 'text/csv' },
  },
  {
    operationId: 'createProduct',
    method: 'POST',
    path: '/admin/products',
    lambda: 'products',
    access: 'write',
    summary: 'Create a product as a draft',
    request: { body: productCreateSchema },
    response: { status: 201, schema: productSchema },
  },
  {
    operationId: 'getProduct',
    method: 'GET',
    path: '/admin/products/{id}',
    lambda: 'products',
    access: 'read',
    summary: 'A product with its working copy',
    request: { params: productIdParamsSchema },
    response: { status: 200, schema: productSchema },
  },
  {
    operationId: 'updateProduct',
    method: 'PUT',
    path: '/admin/products/{id}',
    lambda: 'products',
    access: 'write',
    summary: 'Edit the working copy (optimistic locking on expectedRevision)',
    request: { params: productIdParamsSchema, body: productUpdateSchema },
    response: { status: 200, schema: productSchema },
  },
  {
    operationId: 'transitionProduct',
    method: 'POST',
    path: '/admin/products/{id}/transitions',
    lambda: 'products',
    access: 'write',
    summary: 'Lifecycle action: consultation, approval with decision, publish, retire',
    request: { params: productIdParamsSchema, body: transitionSchema },
    response: { status: 200, schema: productSchema },
  },
  {
    operationId: 'getProductHistory',
    method: 'GET',
    path: '/admin/products/{id}/history',
    lambda: 'products',
    access: 'read',
    summary: 'Published versions and the audit trail of every change',
    request: { params: productIdParamsSchema },
    response: { status: 200, schema: productHistorySchema },
  },
  {
    operationId: 'getProductVersion',
    method: 'GET',
    path: '/admin/products/{id}/versions/{version}',
    lambda: 'products',
    access: 'read',
    summary: 'One published version as it was published',
    request: { params: productVersionParamsSchema },
    response: { status: 200, schema: productVersionSchema },
  },
  {
    operationId: 'createUploadTicket',
    method: 'POST',
    path: '/admin/products/{id}/attachments',
    lambda: 'products',
    access: 'write',
    summary: 'A presigned POST (form upload) for one PDF attachment',
    request: { params: productIdParamsSchema, body: uploadRequestSchema },
    response: { status: 201, schema: uploadTicketSchema },
  },

  {
    operationId: 'listOpenConsultations',
    method: 'GET',
    path: '/content/consultations',
    lambda: 'delivery',
    access: 'public',
    summary: 'Open consultations with the draft text',
    response: { status: 200, schema: openConsultationsSchema, cache: 'public' },
  },

  {
    operationId: 'recordEvaluation',
    method: 'POST',
    path: '/admin/products/{id}/evaluations',
    lambda: 'review',
    access: 'review',
    summary: 'Record an evaluation; resets the due date and decides currency',
    request: { params: productIdParamsSchema, body: evaluationRequestSchema },
    response: { status: 201, schema: evaluationResultSchema },
  },
  {
    operationId: 'listEvaluations',
    method: 'GET',
    path: '/admin/products/{id}/evaluations',
    lambda: 'review',
    access: 'read',
    summary: 'Evaluations of a product, newest first',
    request: { params: productIdParamsSchema },
    response: { status: 200, schema: zod.object({ items: zod.array(evaluationSchema) }) },
  },
  {
    operationId: 'getDashboard',
    method: 'GET',
    path: '/admin/dashboard',
    lambda: 'review',
    access: 'read',
    summary: 'Counts by level and status, what needs attention this month and this fortnight; the newsletter, events and failed jobs for editors',
    response: { status: 200, schema: dashboardSchema },
  },
  {
    operationId: 'getReviewReport',
    method: 'GET',
    path: '/admin/review-report',
    lambda: 'review',
    access: 'read',
    summary: "Priority report for next year's action plan, with every factor",
    response: { status: 200, schema: zod.object({ today: zod.string(), items: zod.array(priorityRowSchema) }) },
  },
  {
    operationId: 'exportReviewReportCsv',
    method: 'GET',
    path: '/admin/review-report.csv',
    lambda: 'review',
    access: 'read',
    summary: 'The priority report as CSV',
    response: { status: 200, contentType: 'text/csv' },
  },
  {
    operationId: 'listJobs',
    method: 'GET',
    path: '/admin/jobs',
    lambda: 'review',
    access: 'read',
    summary: 'Scheduled jobs with their recent runs and health',
    response: { status: 200, schema: zod.object({ items: zod.array(jobHealthSchema) }) },
  },
  {
    operationId: 'runJobNow',
    method: 'POST',
    path: '/admin/jobs/{job}/runs',
    lambda: 'review',
    access: 'admin',
    summary: 'Run a scheduled job now (admins); with dryRun=true, only what the run would do',
    request: { params: jobParamsSchema, query: jobRunQuerySchema },
    response: {
      status: 201,
      schema: jobRunSchema,
      alternative: {
        status: 200,
        schema: jobPreviewSchema,
        description: 'dryRun=true: who would get emails and which products would become not current; nothing is written or sent',
      },
    },
  },

  {
    operationId: 'listConsultations',
    method: 'GET',
    path: '/admin/consultations',
    lambda: 'consultations',
    access: 'read',
    summary: 'All consultations, newest deadline first',
    response: { status: 200 },
  },
  {
    operationId: 'getConsultation',
    method: 'GET',
    path: '/admin/consultations/{id}',
    lambda: 'consultations',
    access: 'read',
    summary: 'One consultation',
    request: { params: consultationIdParamsSchema },
    response: { status: 200, schema: consultationSchema },
  },
  {
    operationId: 'updateConsultation',
    method: 'PUT',
    path: '/admin/consultations/{id}',
    lambda: 'consultations',
    access: 'write',
    summary: 'Move the deadline or change the audience',
    request: { params: consultationIdParamsSchema, body: consultationUpdateSchema },
    response: { status: 200, schema: consultationSchema },
  },
  {
    operationId: 'listInputs',
    method: 'GET',
    path: '/admin/consultations/{id}/inputs',
    lambda: 'consultations',
    access: 'read',
    summary: 'Input to a consultation ("general" for needs)',
    request: { params: consultationIdParamsSchema },
    response: { status: 200, schema: zod.object({ items: zod.array(stakeholderInputSchema) }) },
  },
  {
    operationId: 'exportInputsCsv',
    method: 'GET',
    path: '/admin/consultations/{id}/inputs.csv',
    lambda: 'consultations',
    access: 'read',
    summary: 'Input to a consultation as CSV',
    request: { params: consultationIdParamsSchema },
    response: { status: 200, contentType: 'text/csv' },
  },
  {
    operationId: 'triageInput',
    method: 'PUT',
    path: '/admin/consultations/{id}/inputs/{inputId}',
    lambda: 'consultations',
    access: 'write',
    summary: 'Triage an input',
    request: { params: inputParamsSchema, body: inputTriageSchema },
    response: { status: 200, schema: stakeholderInputSchema },
  },

  {
    operationId: 'showInputForm',
    method: 'GET',
    path: '/inputs',
    lambda: 'inputs',
    access: 'public',
    summary: 'The input form (HTML, works without JavaScript)',
    request: { query: inputFormQuerySchema },
    response: { status: 200, contentType: 'text/html', cache: 'none' },
  },
  {
    operationId: 'submitInput',
    method: 'POST',
    path: '/inputs',
    lambda: 'inputs',
    access: 'public',
    summary: 'Submit input (JSON, or a form post that gets HTML back); rate limited',
    request: { body: inputSubmissionSchema },
    response: { status: 201, cache: 'none' },
    formPost: true,
    rateLimited: true,
  },

  {
    operationId: 'showSubscriptionForm',
    method: 'GET',
    path: '/newsletter/subscriptions',
    lambda: 'newsletter',
    access: 'public',
    summary: 'The sign-up form (HTML, works without JavaScript)',
    response: { status: 200, contentType: 'text/html' },
  },
  {
    operationId: 'subscribe',
    method: 'POST',
    path: '/newsletter/subscriptions',
    lambda: 'newsletter',
    access: 'public',
    summary: 'Sign up (double opt-in); the same answer whatever the address; rate limited',
    request: { body: subscriptionRequestSchema },
    response: { status: 202 },
    formPost: true,
    rateLimited: true,
  },
  {
    operationId: 'showConfirmSubscription',
    method: 'GET',
    path: '/newsletter/confirm',
    lambda: 'newsletter',
    access: 'public',
    summary: 'A page with one button to confirm a sign-up (the signed, expiring link in the email); opening it changes nothing',
    request: { query: tokenQuerySchema },
    response: { status: 200, contentType: 'text/html' },
  },
  {
    operationId: 'confirmSubscription',
    method: 'POST',
    path: '/newsletter/confirm',
    lambda: 'newsletter',
    access: 'public',
    summary: 'Confirm a sign-up (the button on that page); a link confirms once, and a newer sign-up request replaces it',
    request: { query: tokenQuerySchema },
    response: { status: 200, contentType: 'text/html' },
  },
  {
    operationId: 'showPreferences',
    method: 'GET',
    path: '/newsletter/preferences',
    lambda: 'newsletter',
    access: 'public',
    summary: 'Preferences page from the signed link in every email',
    request: { query: tokenQuerySchema },
    response: { status: 200, contentType: 'text/html' },
  },
  {
    operationId: 'updatePreferences',
    method: 'POST',
    path: '/newsletter/preferences',
    lambda: 'newsletter',
    access: 'public',
    summary: 'Change interests (re-subscribes someone who had left)',
    request: { query: tokenQuerySchema, body: preferencesUpdateSchema },
    response: { status: 200 },
    formPost: true,
  },
  {
    operationId: 'showUnsubscribe',
    method: 'GET',
    path: '/newsletter/unsubscribe',
    lambda: 'newsletter',
    access: 'public',
    summary: 'A page with one button to unsubscribe',
    request: { query: tokenQuerySchema },
    response: { status: 200, contentType: 'text/html' },
  },
  {
    operationId: 'unsubscribe',
    method: 'POST',
    path: '/newsletter/unsubscribe',
    lambda: 'newsletter',
    access: 'public',
    summary: 'One-click unsubscribe (RFC 8058): immediate, answers 200',
    request: { query: tokenQuerySchema },
    response: { status: 200, contentType: 'text/html' },
  },

  {
    operationId: 'listSubscribers',
    method: 'GET',
    path: '/admin/subscribers',
    lambda: 'newsletterAdmin',
    access: 'write',
    summary: 'Subscribers: search by address, filter by status and interest',
    request: { query: subscriberPageQuerySchema },
    response: { status: 200, schema: cursorPaginated(subscriberSchema) },
  },
  {
    operationId: 'exportSubscribersCsv',
    method: 'GET',
    path: '/admin/subscribers.csv',
    lambda: 'newsletterAdmin',
    access: 'write',
    summary: 'Subscribers as CSV (same filters)',
    request: { query: subscriberQuerySchema },
    response: { status: 200, contentType: 'text/csv' },
  },
  {
    operationId: 'eraseSubscriber',
    method: 'DELETE',
    path: '/admin/subscribers/{id}',
    lambda: 'newsletterAdmin',
    access: 'write',
    summary: "Delete a person's data on request (GDPR), with an audit record",
    request: { params: subscriberIdParamsSchema },
    response: { status: 204 },
  },

  {
    operationId: 'listCampaigns',
    method: 'GET',
    path: '/admin/campaigns',
    lambda: 'newsletterAdmin',
    access: 'write',
    summary: 'Newsletter issues, newest first, with progress',
    request: { query: campaignPageQuerySchema },
    response: { status: 200, schema: cursorPaginated(campaignSchema) },
  },
  {
    operationId: 'createCampaign',
    method: 'POST',
    path: '/admin/campaigns',
    lambda: 'newsletterAdmin',
    access: 'write',
    summary: 'Compose an issue (draft)',
    request: { body: campaignInputSchema },
    response: { status: 201, schema: campaignSchema },
  },
  {
    operationId: 'getCampaign',
    method: 'GET',
    path: '/admin/campaigns/{id}',
    lambda: 'newsletterAdmin',
    access: 'write',
    summary: 'One issue with its progress (sent / failed / remaining)',
    request: { params: campaignIdParamsSchema },
    response: { status: 200, schema: campaignSchema },
  },
  {
    operationId: 'updateCampaign',
    method: 'PUT',
    path: '/admin/campaigns/{id}',
    lambda: 'newsletterAdmin',
    access: 'write',
    summary: 'Edit a draft or scheduled issue',
    request: { params: campaignIdParamsSchema, body: campaignUpdateSchema },
    response: { status: 200, schema: campaignSchema },
  },
  {
    operationId: 'previewCampaign',
    method: 'GET',
    path: '/admin/campaigns/{id}/preview',
    lambda: 'newsletterAdmin',
    access: 'write',
    summary: 'The issue as a recipient gets it (subject, HTML, text, headers)',
    request: { params: campaignIdParamsSchema },
    response: { status: 200 },
  },
  {
    operationId: 'sendTestCampaign',
    method: 'POST',
    path: '/admin/campaigns/{id}/test',
    lambda: 'newsletterAdmin',
    access: 'write',
    summary: "Send the issue to the editor's own address",
    request: { params: campaignIdParamsSchema },
    response: { status: 200 },
  },
  {
    operationId: 'sendCampaign',
    method: 'POST',
    path: '/admin/campaigns/{id}/send',
    lambda: 'newsletterAdmin',
    access: 'write',
    summary: 'Send now or at scheduledAt (the dispatcher starts within a minute)',
    request: { params: campaignIdParamsSchema, body: campaignSendSchema },
    response: { status: 200, schema: campaignSchema },
  },

  {
    operationId: 'listArchivedNewsletters',
    method: 'GET',
    path: '/content/newsletters',
    lambda: 'delivery',
    access: 'public',
    summary: 'Archive of sent newsletters',
    response: { status: 200, schema: zod.object({ items: zod.array(archivedNewsletterSummarySchema) }), cache: 'public' },
  },
  {
    operationId: 'getArchivedNewsletter',
    method: 'GET',
    path: '/content/newsletters/{id}',
    lambda: 'delivery',
    access: 'public',
    summary: 'One sent newsletter',
    request: { params: campaignIdParamsSchema },
    response: { status: 200, schema: archivedNewsletterSchema, cache: 'public' },
  },

  {
    operationId: 'listPublicEvents',
    method: 'GET',
    path: '/content/events',
    lambda: 'delivery',
    access: 'public',
    summary: 'Upcoming events with free seats per attendance mode and session',
    response: { status: 200, schema: zod.object({ items: zod.array(publicEventSchema) }), cache: 'public' },
  },
  {
    operationId: 'getPublicEvent',
    method: 'GET',
    path: '/content/events/{id}',
    lambda: 'delivery',
    access: 'public',
    summary: 'One event with its program and free seats',
    request: { params: eventIdParamsSchema },
    response: { status: 200, schema: publicEventSchema, cache: 'public' },
  },

  {
    operationId: 'showRegistrationForm',
    method: 'GET',
    path: '/events/{id}/registrations',
    lambda: 'events',
    access: 'public',
    summary: 'The registration form (HTML, works without JavaScript)',
    request: { params: eventIdParamsSchema },
    response: { status: 200, contentType: 'text/html', cache: 'none' },
  },
  {
    operationId: 'register',
    method: 'POST',
    path: '/events/{id}/registrations',
    lambda: 'events',
    access: 'public',
    summary:
      'Register (JSON, or a form post that gets HTML back): a seat or the waitlist, decided atomically; the same answer whatever the address; rate limited',
    request: { params: eventIdParamsSchema, body: registrationRequestSchema },
    response: { status: 202, cache: 'none' },
    formPost: true,
    rateLimited: true,
  },
  {
    operationId: 'showConfirmRegistration',
    method: 'GET',
    path: '/events/registrations/confirm',
    lambda: 'events',
    access: 'public',
    summary:
      'A page with the held seat, until when it is held, and one «Bekreft plassen» button (link from the registration and offer emails); changes nothing',
    request: { query: tokenQuerySchema },
    response: { status: 200, contentType: 'text/html', cache: 'none' },
  },
  {
    operationId: 'confirmRegistration',
    method: 'POST',
    path: '/events/registrations/confirm',
    lambda: 'events',
    access: 'public',
    summary: 'Confirm a held seat before its hold ends (409 page once it has expired)',
    request: { query: tokenQuerySchema },
    response: { status: 200, contentType: 'text/html', cache: 'none' },
  },
  {
    operationId: 'showCancelRegistration',
    method: 'GET',
    path: '/events/registrations/cancel',
    lambda: 'events',
    access: 'public',
    summary: 'A page with the registration and one button to cancel it (link from every email)',
    request: { query: tokenQuerySchema },
    response: { status: 200, contentType: 'text/html', cache: 'none' },
  },
  {
    operationId: 'cancelRegistration',
    method: 'POST',
    path: '/events/registrations/cancel',
    lambda: 'events',
    access: 'public',
    summary: 'Cancel: frees the seat and gives it to the first on the waitlist in the same step',
    request: { query: tokenQuerySchema },
    response: { status: 200, contentType: 'text/html', cache: 'none' },
  },

  {
    operationId: 'listEvents',
    method: 'GET',
    path: '/admin/events',
    lambda: 'eventsAdmin',
    access: 'write',
    summary: 'Events, latest start first, with counts per mode and session',
    response: { status: 200, schema: zod.object({ items: zod.array(eventWithCountsSchema) }) },
  },
  {
    operationId: 'createEvent',
    method: 'POST',
    path: '/admin/events',
    lambda: 'eventsAdmin',
    access: 'write',
    summary: 'Create an event (draft) with its program and questions',
    request: { body: eventInputSchema },
    response: { status: 201, schema: eventWithCountsSchema },
  },
  {
    operationId: 'getEvent',
    method: 'GET',
    path: '/admin/events/{id}',
    lambda: 'eventsAdmin',
    access: 'write',
    summary: 'One event with its counts',
    request: { params: eventIdParamsSchema },
    response: { status: 200, schema: eventWithCountsSchema },
  },
  {
    operationId: 'updateEvent',
    method: 'PUT',
    path: '/admin/events/{id}',
    lambda: 'eventsAdmin',
    access: 'write',
    summary: 'Edit an event (optimistic locking); a new time or place, or cancelling, notifies every participant',
    request: { params: eventIdParamsSchema, body: eventUpdateSchema },
    response: { status: 200, schema: eventWithCountsSchema },
  },
  {
    operationId: 'listRegistrations',
    method: 'GET',
    path: '/admin/events/{id}/registrations',
    lambda: 'eventsAdmin',
    access: 'write',
    summary: 'Registrations in order, filtered by status, mode, session or name/email, with counts',
    request: { params: eventIdParamsSchema, query: registrationPageQuerySchema },
    response: { status: 200, schema: cursorPaginated(listedRegistrationSchema).extend({ counts: eventCountsSchema }) },
  },
  {
    operationId: 'exportRegistrationsCsv',
    method: 'GET',
    path: '/admin/events/{id}/registrations.csv',
    lambda: 'eventsAdmin',
    access: 'write',
    summary: 'Registrations as CSV (same filters)',
    request: { params: eventIdParamsSchema, query: registrationQuerySchema },
    response: { status: 200, contentType: 'text/csv' },
  },
  {
    operationId: 'updateRegistration',
    method: 'PUT',
    path: '/admin/events/{id}/registrations/{registrationId}',
    lambda: 'eventsAdmin',
    access: 'write',
    summary: 'Check in, or move between waitlist and confirmed (or cancel) by hand',
    request: { params: registrationParamsSchema, body: registrationChangeSchema },
    response: { status: 200, schema: registrationSchema },
  },
  {
    operationId: 'listEventMailings',
    method: 'GET',
    path: '/admin/events/{id}/mailings',
    lambda: 'eventsAdmin',
    access: 'write',
    summary: "Emails to the event's participants (reminders, changes, messages) with progress",
    request: { params: eventIdParamsSchema },
    response: { status: 200, schema: zod.object({ items: zod.array(eventMailingSchema) }) },
  },
  {
    operationId: 'sendEventMessage',
    method: 'POST',
    path: '/admin/events/{id}/mailings',
    lambda: 'eventsAdmin',
    access: 'write',
    summary: 'Email all participants (or the waitlist); sent within a minute, once per person',
    request: { params: eventIdParamsSchema, body: eventMessageSchema },
    response: { status: 202, schema: eventMailingSchema },
  },

  {
    operationId: 'listPublicDecisions',
    method: 'GET',
    path: '/content/decisions',
    lambda: 'delivery',
    access: 'public',
    summary: "The steering group's decision register: decided cases with number, date, decision and the published products they concern",
    request: { query: publicDecisionQuerySchema },
    response: { status: 200, schema: zod.object({ items: zod.array(publicDecisionSchema) }), cache: 'public' },
  },

  {
    operationId: 'listGroups',
    method: 'GET',
    path: '/admin/groups',
    lambda: 'governance',
    access: 'read',
    summary: 'The steering group, working committee, editorial committee and the reference and working groups, with their members',
    response: { status: 200, schema: zod.object({ items: zod.array(groupWithMembersSchema) }) },
  },
  {
    operationId: 'createGroup',
    method: 'POST',
    path: '/admin/groups',
    lambda: 'governance',
    access: 'write',
    summary: 'Create a group (reference and working groups name their products)',
    request: { body: groupCreateSchema },
    response: { status: 201, schema: groupWithMembersSchema },
  },
  {
    operationId: 'getGroup',
    method: 'GET',
    path: '/admin/groups/{id}',
    lambda: 'governance',
    access: 'read',
    summary: 'One group with its members (whether each is in it today)',
    request: { params: groupIdParamsSchema },
    response: { status: 200, schema: groupWithMembersSchema },
  },
  {
    operationId: 'updateGroup',
    method: 'PUT',
    path: '/admin/groups/{id}',
    lambda: 'governance',
    access: 'write',
    summary: 'Edit a group (optimistic locking on expectedRevision)',
    request: { params: groupIdParamsSchema, body: groupUpdateSchema },
    response: { status: 200, schema: groupWithMembersSchema },
  },
  {
    operationId: 'addGroupMember',
    method: 'POST',
    path: '/admin/groups/{id}/members',
    lambda: 'governance',
    access: 'write',
    summary: 'Add a member, deputy, observer or the leader, from a date',
    request: { params: groupIdParamsSchema, body: memberCreateSchema },
    response: { status: 201, schema: memberSchema },
  },
  {
    operationId: 'updateGroupMember',
    method: 'PUT',
    path: '/admin/groups/{id}/members/{memberId}',
    lambda: 'governance',
    access: 'write',
    summary: "Edit a member, or end their membership with a 'to' date",
    request: { params: memberParamsSchema, body: memberUpdateSchema },
    response: { status: 200, schema: memberSchema },
  },
  {
    operationId: 'removeGroupMember',
    method: 'DELETE',
    path: '/admin/groups/{id}/members/{memberId}',
    lambda: 'governance',
    access: 'write',
    summary: 'Remove a member entered by mistake (someone who leaves gets a to date instead)',
    request: { params: memberParamsSchema },
    response: { status: 204 },
  },
  {
    operationId: 'listMeetings',
    method: 'GET',
    path: '/admin/meetings',
    lambda: 'governance',
    access: 'read',
    summary: 'Meetings, the latest first, with document deadline and agenda',
    response: { status: 200, schema: zod.object({ items: zod.array(meetingSchema) }) },
  },
  {
    operationId: 'createMeeting',
    method: 'POST',
    path: '/admin/meetings',
    lambda: 'governance',
    access: 'write',
    summary: 'Plan a meeting: day and times in Oslo, place or digital, document deadline (default 14 days before), agenda',
    request: { body: meetingCreateSchema },
    response: { status: 201, schema: meetingSchema },
  },
  {
    operationId: 'getMeeting',
    method: 'GET',
    path: '/admin/meetings/{id}',
    lambda: 'governance',
    access: 'read',
    summary: 'One meeting with the deadline in force and its agenda of cases',
    request: { params: meetingIdParamsSchema },
    response: { status: 200, schema: meetingSchema },
  },
  {
    operationId: 'updateMeeting',
    method: 'PUT',
    path: '/admin/meetings/{id}',
    lambda: 'governance',
    access: 'write',
    summary: 'Edit a meeting or its agenda (optimistic locking on expectedRevision)',
    request: { params: meetingIdParamsSchema, body: meetingUpdateSchema },
    response: { status: 200, schema: meetingSchema },
  },
  {
    operationId: 'listCases',
    method: 'GET',
    path: '/admin/cases',
    lambda: 'governance',
    access: 'read',
    summary: 'Cases in number order, by year, meeting or product',
    request: { query: caseQuerySchema },
    response: { status: 200, schema: zod.object({ items: zod.array(caseSchema) }) },
  },
  {
    operationId: 'createCase',
    method: 'POST',
    path: '/admin/cases',
    lambda: 'governance',
    access: 'write',
    summary: 'Create a case; it gets the next number of the year (01/26, 02/26, …), never reused',
    request: { body: caseCreateSchema },
    response: { status: 201, schema: caseSchema },
  },
  {
    operationId: 'getCase',
    method: 'GET',
    path: '/admin/cases/{id}',
    lambda: 'governance',
    access: 'read',
    summary: 'One case (id: year and number, e.g. 2025-04)',
    request: { params: caseIdParamsSchema },
    response: { status: 200, schema: caseSchema },
  },
  {
    operationId: 'updateCase',
    method: 'PUT',
    path: '/admin/cases/{id}',
    lambda: 'governance',
    access: 'write',
    summary: 'Edit a case or record its outcome (sets the decided-on date), with expectedRevision',
    request: { params: caseIdParamsSchema, body: caseUpdateSchema },
    response: { status: 200, schema: caseSchema },
  },
  {
    operationId: 'listDecisions',
    method: 'GET',
    path: '/admin/decisions',
    lambda: 'governance',
    access: 'read',
    summary: 'The decision register: decided cases, the latest first, by year, product and outcome; CSV with format=csv or Accept: text/csv',
    request: { query: decisionQuerySchema },
    response: { status: 200, schema: zod.object({ items: zod.array(decisionEntrySchema) }), csv: true },
  },

  {
    operationId: 'listUsers',
    method: 'GET',
    path: '/admin/users',
    lambda: 'userAdmin',
    access: 'admin',
    summary: 'Everyone in the user pool with their group, status and whether two-step sign-in is on',
    response: { status: 200, schema: zod.object({ items: zod.array(managedUserSchema) }) },
  },
  {
    operationId: 'inviteUser',
    method: 'POST',
    path: '/admin/users',
    lambda: 'userAdmin',
    access: 'admin',
    summary: 'Invite someone: a user with a temporary password, in one group, and the invitation by email',
    request: { body: userInviteSchema },
    response: { status: 201, schema: managedUserSchema },
  },
  {
    operationId: 'getUser',
    method: 'GET',
    path: '/admin/users/{username}',
    lambda: 'userAdmin',
    access: 'admin',
    summary: 'One user with the history of changes to their access',
    request: { params: usernameParamsSchema },
    response: { status: 200, schema: managedUserSchema.extend({ history: zod.array(auditRecordSchema) }) },
  },
  {
    operationId: 'updateUser',
    method: 'PUT',
    path: '/admin/users/{username}',
    lambda: 'userAdmin',
    access: 'admin',
    summary: 'Change name or group, enable or disable, or resend the invitation; never the last admin, never oneself disabled',
    request: { params: usernameParamsSchema, body: userUpdateSchema },
    response: { status: 200, schema: managedUserSchema },
  },
  {
    operationId: 'deleteUser',
    method: 'DELETE',
    path: '/admin/users/{username}',
    lambda: 'userAdmin',
    access: 'admin',
    summary: 'Remove a user (not oneself, not the last admin); the history of changes stays',
    request: { params: usernameParamsSchema },
    response: { status: 204 },
  },
] as const satisfies readonly RouteDeclaration[];

export type Route = (typeof routes)[number];
export type OperationId<L extends LambdaName> = Extract<Route, { lambda: L }>['operationId'];

/** What API Gateway matches on: a declared method, or HEAD on a public GET (see `headRoutes`). */
export type GatewayMethod = HttpMethod | 'HEAD';

export function routeKey(route: { method: GatewayMethod; path: string }): string {
  return `${route.method} ${route.path}`;
}

/**
 * HTTP API does not answer HEAD for a GET route by itself: a HEAD request needs a route of its own
 * (or reaches no route: 404). Link checkers and CDNs use HEAD, so every public GET gets a HEAD
 * route to the same Lambda, which runs the GET operation and drops the body
 * (functions/shared/http/lambda.ts). The CDK app and the local server both derive them from here.
 */
export function headRoutes<R extends Pick<RouteDeclaration, 'method' | 'path' | 'access'>>(declared: readonly R[]): (Omit<R, 'method'> & { method: 'HEAD' })[] {
  return declared.filter((route) => route.method === 'GET' && route.access === 'public').map((route) => ({ ...route, method: 'HEAD' as const }));
}
