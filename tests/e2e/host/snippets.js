document.getElementById('show-tab').addEventListener('click', () => { document.getElementById('tab').hidden = false; });
