// Placeholder sidebar: the add-on issue replaces it with the real UI.
const app = document.getElementById('app');
if (app) app.textContent = 'CDM - coming soon.';
