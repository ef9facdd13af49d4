using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.KnowledgeSharing;

/// <summary>How the caller stands towards one program's knowledge sessions.</summary>
public sealed record KnowledgeStanding(bool IsMentor, bool IsMentee, bool IsHr)
{
    /// <summary>Approved in the program on either side, or HR: may see its sessions.</summary>
    public bool MaySee => IsMentor || IsMentee || IsHr;

    /// <summary>A junior (approved mentor) or HR offers sessions.</summary>
    public bool MayOffer => IsMentor || IsHr;

    /// <summary>Seniors (approved mentees) sign up.</summary>
    public bool MaySignUp => IsMentee;
}

/// <summary>Who may do what with knowledge sessions, and how a session is loaded for them: decided here once.</summary>
public static class KnowledgeRules
{
    public const string NotSeniorMessage = "Only seniors (approved mentees) of this program can sign up for its sessions.";
    public const string OwnSessionMessage = "You host this session, so you cannot sign up for it.";
    public const string RaceMessage = "Someone else changed this session at the same moment. Nothing was saved; try again.";

    /// <summary>The caller's standing in the program: approved enrolments only, and HR by role.</summary>
    public static async Task<KnowledgeStanding> StandingAsync(AppDbContext db, CurrentUser current, int programId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(current);
        var userId = current.RequireId();
        var roles = await db.Enrolments.AsNoTracking()
            .Where(e => e.ProgramId == programId && e.UserId == userId && e.Status == EnrolmentStatus.Approved)
            .Select(e => e.Role).ToListAsync(cancellationToken);
        return new KnowledgeStanding(
            current.IsInRole(Roles.Mentor) && roles.Contains(ParticipantRole.Mentor),
            current.IsInRole(Roles.Mentee) && roles.Contains(ParticipantRole.Mentee),
            current.IsInRole(Roles.HrCoordinator));
    }

    /// <summary>
    /// The session with its seats and program, when the caller may see it (their program, HR, or their own); otherwise
    /// 404, so another program's session is never hinted at.
    /// </summary>
    public static async Task<(KnowledgeSession Session, KnowledgeStanding Standing)> SessionAsync(
        AppDbContext db, CurrentUser current, int sessionId, bool track, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(current);
        var query = db.KnowledgeSessions.Include(k => k.Program).Include(k => k.Host).Include(k => k.Seats).ThenInclude(s => s.User).AsSplitQuery();
        var session = await (track ? query : query.AsNoTracking()).SingleOrDefaultAsync(k => k.Id == sessionId, cancellationToken)
            ?? throw new NotFoundException();
        var standing = await StandingAsync(db, current, session.ProgramId, cancellationToken);
        if (!standing.MaySee && session.HostUserId != current.Id)
        {
            throw new NotFoundException();
        }

        return (session, standing);
    }

    /// <summary>The caller's own profile zone; every time they see or enter is in it.</summary>
    public static async Task<string> ZoneAsync(AppDbContext db, string userId, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.TimeZoneId).SingleOrDefaultAsync(cancellationToken) ?? "UTC";

    /// <summary>Saves a seat change; a concurrent change of the same session is refused with a message, never a 500.</summary>
    public static async Task SaveAsync(AppDbContext db, object command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw RequestValidationException.For(command, "", RaceMessage);
        }
        catch (DbUpdateException)
        {
            // The unique seat per person and session: the same person signing up twice at once.
            throw RequestValidationException.For(command, "", KnowledgeSession.TwiceMessage);
        }
    }

    /// <summary>Where a virtual session without a link meets: the program's pattern, filled for this session and its host.</summary>
    public static string? MeetingLink(MentoringProgram program, int sessionId, string hostEmail)
    {
        ArgumentNullException.ThrowIfNull(program);
        return program.MeetingLinkTemplate is { Length: > 0 } template
            // A room of its own, never a pair's: "{pair}" becomes "knowledge-12"; mentor and mentee both name the host.
            ? MeetingLinks.Fill(template.Replace("{pair}", $"knowledge-{sessionId}", StringComparison.Ordinal), sessionId, hostEmail, hostEmail)
            : null;
    }

    public static string Describe(KnowledgeSessionStatus status) => status switch
    {
        KnowledgeSessionStatus.Open => "Open",
        KnowledgeSessionStatus.Cancelled => "Cancelled",
        _ => "Held",
    };

    public static string When(KnowledgeSession session, string zoneId)
    {
        ArgumentNullException.ThrowIfNull(session);
        return SessionTimes.Format(session.StartsAtUtc, session.EndsAtUtc, zoneId);
    }

    public static string Link(int sessionId) => $"/Knowledge/{sessionId}";
}
