using Microsoft.EntityFrameworkCore;

namespace ReverseMentoring.Web.Data;

/// <summary>One upcoming knowledge-sharing session in the pilot, offered by a demo junior, with a few seniors signed up.</summary>
internal sealed partial class DemoData
{
    public const string KnowledgeSessionTitle = "Getting more out of AI assistants";

    private async Task EnsureKnowledgeSessionAsync(DateTime now, CancellationToken cancellationToken)
    {
        var pilot = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Name == PilotName, cancellationToken);
        if (pilot is null || await db.KnowledgeSessions.AnyAsync(k => k.ProgramId == pilot.Id, cancellationToken))
        {
            return;
        }

        var host = await db.Users.AsNoTracking().Where(u => u.Email == MentorEmail(2)).Select(u => u.Id).SingleOrDefaultAsync(cancellationToken);
        var seniors = await db.Enrolments.AsNoTracking()
            .Where(e => e.ProgramId == pilot.Id && e.Role == ParticipantRole.Mentee && e.Status == EnrolmentStatus.Approved && e.User!.Email!.StartsWith("pilot-mentee"))
            .OrderBy(e => e.User!.Email).Select(e => e.UserId).Take(4).ToListAsync(cancellationToken);
        if (host is null)
        {
            return;
        }

        var session = KnowledgeSession.Offer(pilot.Id, host, KnowledgeSessionTitle,
            "Drafting, summarising and checking facts with an assistant, on your own documents. Bring a laptop.",
            now.Date.AddDays(10).AddHours(12), 60, SessionFormats.Virtual, "https://meet.example.com/knowledge-ai", 12, now.AddDays(-3));
        foreach (var senior in seniors)
        {
            session.SignUp(senior, now.AddDays(-2));
        }

        db.KnowledgeSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
    }
}
