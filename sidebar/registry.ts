/**
 * The sidebar's panels. Each panel is one file under views/ that calls registerView with how
 * to draw it; the tab bar, routing and keyboard handling read this registry, so adding a panel
 * is adding a file (and its import line in views/index.ts).
 */
import type { MessageKey } from './i18n';

export interface View {
  name: string;
  /** Label of its tab; a view without a tab is reached from another one (run, preview). */
  tab?: MessageKey;
  /** Position of its tab, smallest first. */
  order?: number;
  /** The tab shown as selected while this view is on (the run view belongs to Clean). */
  tabOf?: string;
  /** A count shown in the tab label (pairs waiting for review), 0 for none. */
  badge?(): number;
  /** Draws the view from the app state; called on every render. */
  render(): HTMLElement;
  /** Loads what the view needs each time it is shown. Never starts a run. */
  enter?(): Promise<void>;
  /** Keys pressed while the view is on (not in a text field); true when handled. */
  onKey?(ev: KeyboardEvent): boolean;
  /** Draws even before the sidebar state has loaded (help). */
  standalone?: boolean;
}

const views = new Map<string, View>();

export function registerView(view: View): void {
  views.set(view.name, view);
}

export function getView(name: string): View | undefined {
  return views.get(name);
}

export function hasView(name: string | null | undefined): name is string {
  return !!name && views.has(name);
}

/** Views with a tab, in tab order. */
export function tabViews(): View[] {
  return [...views.values()].filter((v) => v.tab).sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
}

/** The tab that shows as selected for a view. */
export function tabFor(name: string): string {
  return views.get(name)?.tabOf ?? name;
}
