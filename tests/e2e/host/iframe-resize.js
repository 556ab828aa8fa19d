// The few lines the README's iframe snippet asks for: resize the frame from its messages.
window.addEventListener('message', (e) => {
  const frame = document.getElementById('frame');
  if (e.source === frame.contentWindow && e.data && e.data.type === 'strata:height') frame.style.height = e.data.height + 'px';
  if (e.source === frame.contentWindow && e.data && e.data.type === 'strata:ready') document.body.dataset.ready = 'true';
});
