/**
 * The merge dialog (components/shared/MergeDialog.tsx) on its own: one search
 * per change of the words (a result must not set off another search), the
 * pick, the ticket to keep, and what confirm hands back.
 */
vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { MergeDialog, type MergeChoice } from '../../components/shared/MergeDialog';

const CURRENT: MergeChoice = { id: 'ticket:01JWMCKG020000000000000006', name: 'Refund' };
const OTHER: MergeChoice = { id: 'ticket:01JWMCKG03000000000000000B', name: 'Charged twice' };
const wait = (ms: number) => act(() => new Promise<void>((r) => setTimeout(r, ms)));
const q = (testId: string) => document.body.querySelector<HTMLElement>(`[data-testid="${testId}"]`);

afterEach(() => render(null, document.body));

describe('MergeDialog', () => {
  it('searches once per change of the words, then merges the picked ticket into the one kept', async () => {
    const search = vi.fn(async (needle: string) => (needle === '' || 'charged twice'.includes(needle) ? [OTHER] : []));
    const onConfirm = vi.fn();
    await act(() => render(<MergeDialog title="Merge" intro="" current={CURRENT} search={search} onConfirm={onConfirm} onCancel={() => {}} />, document.body));
    await wait(400);
    expect(search).toHaveBeenCalledTimes(1);
    expect((q('tip-merge-confirm') as HTMLButtonElement).disabled).toBe(true);

    const box = q('tip-merge-search') as HTMLInputElement;
    await act(() => {
      box.value = 'charged';
      box.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await wait(400);
    expect(search).toHaveBeenCalledTimes(2);
    expect(search).toHaveBeenLastCalledWith('charged');

    await act(() => q('tip-merge-option')!.click());
    const radios = [...document.body.querySelectorAll<HTMLInputElement>('[data-testid="tip-merge-keep"]')];
    expect(radios.map((r) => [r.dataset.ticketId, r.checked])).toEqual([
      [CURRENT.id, true],
      [OTHER.id, false],
    ]);
    await act(() => radios[1]!.click());
    await act(() => q('tip-merge-confirm')!.click());
    expect(onConfirm).toHaveBeenCalledWith(OTHER.id, [CURRENT.id]);
    await wait(400);
    expect(search).toHaveBeenCalledTimes(2);
  });

  it('a page re-rendering around it (a new search function each time) does not search again', async () => {
    const search = vi.fn(async (_needle: string) => [OTHER]);
    let rerender: () => void = () => {};
    function Page() {
      const [n, setN] = useState(0);
      rerender = () => setN(n + 1);
      return <MergeDialog title={`Merge ${n}`} intro="" current={CURRENT} search={(needle) => search(needle)} onConfirm={() => {}} onCancel={() => {}} />;
    }
    await act(() => render(<Page />, document.body));
    await wait(300);
    await act(() => rerender());
    await act(() => rerender());
    await wait(300);
    expect(search).toHaveBeenCalledTimes(1);
  });

  it('with the tickets given (the dashboard), asks only which one to keep', async () => {
    const onConfirm = vi.fn();
    await act(() => render(<MergeDialog title="Merge" intro="" tickets={[CURRENT, OTHER]} onConfirm={onConfirm} onCancel={() => {}} />, document.body));
    expect(q('tip-merge-search')).toBeNull();
    await act(() => q('tip-merge-confirm')!.click());
    expect(onConfirm).toHaveBeenCalledWith(CURRENT.id, [OTHER.id]);
  });
});
