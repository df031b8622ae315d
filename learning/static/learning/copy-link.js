/* Copy buttons for invitation links: shown only where JavaScript runs; without it the link stays
   in its box to copy by hand, and the send-by links work on their own. */
(function () {
    "use strict";

    function copyText(input) {
        if (navigator.clipboard && window.isSecureContext) {
            return navigator.clipboard.writeText(input.value);
        }
        input.select();
        return document.execCommand("copy") ? Promise.resolve() : Promise.reject(new Error("copy refused"));
    }

    function enhance(button) {
        var input = document.getElementById(button.getAttribute("data-copy-from"));
        var holder = button.closest(".copy-link");
        if (!input || !holder) {
            return;
        }
        var status = holder.querySelector(".copy-link__status");
        holder.hidden = false;
        button.addEventListener("click", function () {
            copyText(input).then(
                function () {
                    status.textContent = button.getAttribute("data-copied-text");
                },
                function () {
                    input.focus();
                    input.select();
                }
            );
        });
    }

    document.querySelectorAll("[data-copy-from]").forEach(enhance);
})();
