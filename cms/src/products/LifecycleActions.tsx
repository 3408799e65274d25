import { useState } from 'react';
import { Button, Confirm, useCanAccess, useDataProvider, useNotify, useRecordContext, useRefresh } from 'react-admin';
import type { Decision, Product, TransitionAction } from '../../../content-model';
import type { CmsDataProvider } from '../data/dataProvider';
import { ApproveDialog } from './ApproveDialog';
import { availableTransitions, transitionDoneMessages, transitionLabels } from './lifecycle';

/** Actions that change what the public sees get a confirmation first. */
const confirmations: Partial<Record<TransitionAction, { title: string; content: string }>> = {
  publish: { title: 'Publisere produktet?', content: 'Versjonen blir gjeldende og vises på nettsiden.' },
  retire: { title: 'Sanere produktet?', content: 'Produktet flyttes til arkivet og merkes som sanert på nettsiden.' },
};

export function LifecycleActions() {
  const product = useRecordContext<Product>();
  const { canAccess } = useCanAccess({ resource: 'products', action: 'transition' });
  const dataProvider = useDataProvider<CmsDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<TransitionAction | null>(null);

  if (!product || !canAccess) return null;

  async function run(action: TransitionAction, decision?: Decision) {
    if (!product) return;
    setBusy(true);
    try {
      await dataProvider.transitionProduct(String(product.id), action, product.revision, decision);
      notify(transitionDoneMessages[action], { type: 'success' });
      setPending(null);
      refresh();
    } catch (error) {
      notify(error instanceof Error ? error.message : 'Handlingen feilet', { type: 'error' });
    } finally {
      setBusy(false);
    }
  }

  function start(action: TransitionAction) {
    if (action === 'approve' || confirmations[action]) setPending(action);
    else void run(action);
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
      <ApproveDialog open={pending === 'approve'} busy={busy} onCancel={() => setPending(null)} onApprove={(decision) => void run('approve', decision)} />
      {pending && confirmation ? (
        <Confirm
          isOpen
          loading={busy}
          title={confirmation.title}
          content={confirmation.content}
          confirm={transitionLabels[pending]}
          cancel="Avbryt"
          onConfirm={() => void run(pending)}
          onClose={() => setPending(null)}
        />
      ) : null}
    </>
  );
}
