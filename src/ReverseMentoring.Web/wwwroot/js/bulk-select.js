// "Select all on this page": ticks or clears every row checkbox that belongs to the same bulk form.
document.querySelectorAll('input[type=checkbox][data-select-all]').forEach(function (all) {
  all.addEventListener('change', function () {
    document.querySelectorAll('input[type=checkbox][form="' + all.dataset.selectAll + '"][name]').forEach(function (row) {
      row.checked = all.checked;
    });
  });
});
