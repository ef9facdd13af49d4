// Fills an empty time-zone field with the browser's own zone, when the list offers it; the person can still change it.
(function () {
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    return;
  }
  if (!zone) {
    return;
  }
  document.querySelectorAll('input[data-browser-zone]').forEach(function (input) {
    if (input.value.trim() !== '') {
      return;
    }
    var list = input.list;
    var offered = !list || Array.prototype.some.call(list.options, function (option) { return option.value === zone; });
    if (offered) {
      input.value = zone;
    }
  });
})();
