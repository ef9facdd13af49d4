using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Web.Features.SelfService;

/// <summary>
/// Tells HR on the pairing board that mentees of this program choose their mentors, so that a run there is for the
/// mentees left over, not the usual way in. Shown by the board for a program in self-service mode; nothing otherwise.
/// </summary>
public sealed class SelfServiceNotice(AppDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int programId)
    {
        var mode = await db.Programs.AsNoTracking().Where(p => p.Id == programId).Select(p => (MatchingMode?)p.Matching.Mode).SingleOrDefaultAsync();
        if (mode != MatchingMode.SelfService)
        {
            return Content("");
        }

        var open = await db.MentorRequests.CountAsync(r => r.ProgramId == programId && MentorRequest.OpenStates.Contains(r.State));
        return View("/Features/SelfService/_SelfServiceNotice.cshtml", (programId, open));
    }
}
