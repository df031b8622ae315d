/* "Print" buttons: shown only where JavaScript runs. Without it, the words beside them say to use the
   browser's own Print. */
(function () {
    "use strict";

    document.querySelectorAll("[data-print]").forEach(function (button) {
        var holder = button.closest(".print-action");
        if (holder) {
            holder.hidden = false;
        }
        button.addEventListener("click", function () {
            window.print();
        });
    });
})();
