// Rows that grow: "Add" appends an empty row, "Remove" takes one away, without saving. Every row's field names, ids,
// labels and error placeholders are renumbered so the form posts a list the server reads in order. Without this
// script the form still works: it shows one empty row more after each save.
(function () {
  function renumber(body) {
    var prefix = body.dataset.rows;
    var pattern = new RegExp(prefix.replace(/[.[\]]/g, '\\$&') + '\\[\\d+\\]');
    Array.prototype.forEach.call(body.rows, function (row, i) {
      row.querySelectorAll('[name]').forEach(function (el) {
        el.name = el.name.replace(pattern, prefix + '[' + i + ']');
      });
      row.querySelectorAll('[data-valmsg-for]').forEach(function (el) {
        el.setAttribute('data-valmsg-for', el.getAttribute('data-valmsg-for').replace(pattern, prefix + '[' + i + ']'));
      });
      row.querySelectorAll('[id]').forEach(function (el) {
        el.id = el.id.replace(/-\d+$/, '-' + i);
      });
      row.querySelectorAll('label[for]').forEach(function (el) {
        el.htmlFor = el.htmlFor.replace(/-\d+$/, '-' + i);
      });
      row.querySelectorAll('[data-label]').forEach(function (el) {
        el.textContent = el.dataset.label.replace('#', String(i + 1));
      });
    });
    var full = body.rows.length >= Number(body.dataset.max);
    document.querySelectorAll('[data-add-row="' + body.id + '"]').forEach(function (button) {
      button.hidden = full;
    });
    document.querySelectorAll('[data-rows-full="' + body.id + '"]').forEach(function (note) {
      note.hidden = !full;
    });
  }

  function clear(row) {
    row.querySelectorAll('input').forEach(function (el) { el.value = ''; });
    row.querySelectorAll('select').forEach(function (el) { el.selectedIndex = 0; });
    row.querySelectorAll('[data-valmsg-for]').forEach(function (el) { el.textContent = ''; });
    row.querySelectorAll('.input-validation-error').forEach(function (el) { el.classList.remove('input-validation-error'); });
  }

  document.querySelectorAll('tbody[data-rows]').forEach(function (body) {
    body.querySelectorAll('[data-remove-row]').forEach(function (button) { button.hidden = false; });

    body.addEventListener('click', function (event) {
      var button = event.target.closest('[data-remove-row]');
      if (!button) {
        return;
      }
      var row = button.closest('tr');
      var next = row.nextElementSibling || row.previousElementSibling;
      if (body.rows.length > 1) {
        row.remove();
      } else {
        clear(row);
        next = row;
      }
      renumber(body);
      var focus = next && next.querySelector('select, input');
      if (focus) {
        focus.focus();
      }
    });

    document.querySelectorAll('[data-add-row="' + body.id + '"]').forEach(function (button) {
      button.addEventListener('click', function () {
        if (body.rows.length >= Number(body.dataset.max) || body.rows.length === 0) {
          return;
        }
        var row = body.rows[body.rows.length - 1].cloneNode(true);
        clear(row);
        body.appendChild(row);
        renumber(body);
        var first = row.querySelector('select, input');
        if (first) {
          first.focus();
        }
      });
    });

    renumber(body);
  });
})();
