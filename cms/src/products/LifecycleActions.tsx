import { useState } from 'react';
import { Button, Confirm, useCanAccess, useDataProvider, useNotify, useRecordContext, useRefresh } from 'react-admin';
import type { CloseConsultation, Consultation, ConsultationOptions, Product, TransitionAction } from '../../../content-model';
import { availableTransitions } from '../../../content-model';
import type { CmsDataProvider } from '../data/dataProvider';
import { fieldErrorsOf, messageOf } from '../shared/httpErrors';
import { ApproveDialog } from './ApproveDialog';
import { ConsultationDialog, type ConsultationFieldErrors } from './ConsultationDialog';
import { transitionDoneMessages, transitionLabels } from './lifecycle';

/** Actions that change what the public sees get a confirmation first. */
export const confirmations: Partial<Record<TransitionAction, { title: string; content: string }>> = {
  publish: { title: 'Publisere produktet?', content: 'Versjonen blir gjeldende og vises på nettsiden.' },
  retire: { title: 'Sanere produktet?', content: 'Produktet flyttes til arkivet og merkes som sanert på nettsiden.' },
};

type TransitionExtra = { decisionCase?: string; closeConsultation?: CloseConsultation | undefined; consultation?: ConsultationOptions };

/**
 * Runs a lifecycle step on the product in context, tells the user how it went and reloads the
 * page. Resolves true when it succeeded. A 400 on sending to consultation is rethrown so the
 * dialog can show it on its fields (e.g. a deadline shorter than the minimum).
 */
export function useProductTransition() {
  const product = useRecordContext<Product>();
  const dataProvider = useDataProvider<CmsDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);

  async function run(action: TransitionAction, extra: TransitionExtra = {}): Promise<boolean> {
    if (!product) return false;
    setBusy(true);
    try {
      if (action === 'send-to-consultation') {
        await dataProvider.sendToConsultation(String(product.id), product.revision, extra.consultation ?? {});
      } else {
        await dataProvider.transitionProduct(String(product.id), action, product.revision, extra.decisionCase, extra.closeConsultation);
      }
      notify(transitionDoneMessages[action], { type: 'success' });
      refresh();
      return true;
    } catch (error) {
      if (action === 'send-to-consultation' && Object.keys(fieldErrorsOf(error)).length > 0) throw error;
      // The approve dialog shows its refusal itself (e.g. a consultation still open).
      if (action === 'approve') throw error;
      notify(messageOf(error, 'Handlingen feilet'), { type: 'error' });
      return false;
    } finally {
      setBusy(false);
    }
  }

  return { product, busy, run };
}

export function LifecycleActions() {
  const { canAccess } = useCanAccess({ resource: 'products', action: 'transition' });
  const { product, busy, run } = useProductTransition();
  const [pending, setPending] = useState<TransitionAction | null>(null);
  const [consultationErrors, setConsultationErrors] = useState<ConsultationFieldErrors>({});
  const [openConsultation, setOpenConsultation] = useState<Consultation | null>(null);
  const [approveError, setApproveError] = useState<string | undefined>(undefined);
  const [caseError, setCaseError] = useState<string | undefined>(undefined);
  const dataProvider = useDataProvider<CmsDataProvider>();

  if (!product || !canAccess) return null;

  async function finish(action: TransitionAction, extra?: TransitionExtra) {
    if (await run(action, extra)) setPending(null);
  }

  async function sendToConsultation(consultation: ConsultationOptions) {
    setConsultationErrors({});
    try {
      await finish('send-to-consultation', { consultation });
    } catch (error) {
      // E.g. "consultation.closesOn": the window is shorter than the minimum for the level.
      const fields = fieldErrorsOf(error, 'consultation.');
      const { audience, opensOn, closesOn } = fields;
      const onFields: ConsultationFieldErrors = { ...(audience ? { audience } : {}), ...(opensOn ? { opensOn } : {}), ...(closesOn ? { closesOn } : {}) };
      setConsultationErrors(Object.keys(onFields).length > 0 ? onFields : { root: messageOf(error, 'Ugyldige opplysninger') });
    }
  }

  async function approve(decisionCase: string, closeConsultation?: CloseConsultation) {
    setCaseError(undefined);
    try {
      await finish('approve', { decisionCase, closeConsultation });
    } catch (error) {
      // An unknown or undecided case is the API's 400 on `case`: shown at the field.
      const onCase = fieldErrorsOf(error).case;
      if (onCase) setCaseError(onCase);
      else setApproveError(messageOf(error, 'Produktet kunne ikke godkjennes'));
    }
  }

  /** Approving ends the product's consultation if it is still open: the dialog must know before it opens. */
  async function startApproval() {
    setApproveError(undefined);
    setCaseError(undefined);
    const consultations = await dataProvider.listConsultations().catch(() => []);
    setOpenConsultation(consultations.find((consultation) => consultation.productId === product?.id && consultation.state !== 'closed') ?? null);
    setPending('approve');
  }

  function start(action: TransitionAction) {
    setConsultationErrors({});
    if (action === 'approve') void startApproval();
    else if (action === 'send-to-consultation' || confirmations[action]) setPending(action);
    else void finish(action);
  }

  const confirmation = pending ? confirmations[pending] : undefined;
  return (
    <>
      {availableTransitions(product).map((action) => (
        <Button
          key={action}
          label={transitionLabels[action]}
          onClick={() => start(action)}
          disabled={busy}
          // Stepping back or retiring is offered, not encouraged: only forward steps are filled buttons.
          variant={action === 'return-to-draft' || action === 'retire' ? 'outlined' : 'contained'}
          color={action === 'retire' ? 'error' : 'primary'}
        />
      ))}
      <ApproveDialog
        open={pending === 'approve'}
        busy={busy}
        consultation={openConsultation}
        error={approveError}
        caseError={caseError}
        onCancel={() => setPending(null)}
        onApprove={(decisionCase, closeConsultation) => void approve(decisionCase, closeConsultation)}
      />
      <ConsultationDialog
        open={pending === 'send-to-consultation'}
        busy={busy}
        level={product.level}
        serverErrors={consultationErrors}
        onCancel={() => setPending(null)}
        onSend={(consultation) => void sendToConsultation(consultation)}
      />
      {pending && confirmation ? (
        <Confirm
          isOpen
          loading={busy}
          title={confirmation.title}
          content={confirmation.content}
          confirm={transitionLabels[pending]}
          cancel="Avbryt"
          onConfirm={() => void finish(pending)}
          onClose={() => setPending(null)}
        />
      ) : null}
    </>
  );
}
