/**
 * Which judged values a comparison keeps: the worst (the refused value with
 * the largest |error|; with no refusal, the largest |error| accepted) and the
 * first refused ones, in the order they were judged.
 */

/** The worst value judged so far and the first `firstN` refused. */
export class WorstAndFirst<R extends { readonly error: number }> {
  readonly first: R[] = [];
  worst: R | undefined;
  private worstRefused = false;

  constructor(private readonly firstN: number) {}

  /** Offers a judged value; `report` makes its report, only when the value is kept. */
  offer(ok: boolean, error: number, report: () => R): void {
    const abs = Math.abs(error);
    const worst = this.worst;
    const better = !ok
      ? !this.worstRefused || abs > Math.abs(worst!.error)
      : !this.worstRefused && (worst === undefined || abs > Math.abs(worst.error));
    const listed = !ok && this.first.length < this.firstN;
    if (!better && !listed) return;
    const r = report();
    if (listed) this.first.push(r);
    if (better) {
      this.worst = r;
      this.worstRefused ||= !ok;
    }
  }
}
