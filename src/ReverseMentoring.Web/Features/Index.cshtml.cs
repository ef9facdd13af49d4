using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReverseMentoring.Web.Features.Account;

using ReverseMentoring.Web.Features.Privacy;

namespace ReverseMentoring.Web.Features;

/// <summary>The public front page; a signed-in person goes straight to their role's home.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet()
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return Page();
        }

        var home = RoleHome.For(User);
        return home == "/" ? Page() : Redirect(home);
    }
}
