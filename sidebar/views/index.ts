/**
 * Every panel of the sidebar. A panel is one file that registers itself (registry.ts); this
 * list only makes sure each file is in the bundle. The run card and the undo panel are drawn
 * by their owners' files, registered here.
 */
import { registerView } from '../registry';
import { runView } from './run-view';
import { undoView } from './undo-view';
import './main-view';
import './preview-view';
import './review-view';
import './form-view';
import './help-view';

registerView({ name: 'run', tabOf: 'main', render: runView });
registerView({ name: 'undo', tab: 'tabUndo', order: 40, render: undoView });
