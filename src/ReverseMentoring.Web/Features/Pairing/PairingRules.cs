using Mediator;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.Programs;

namespace ReverseMentoring.Web.Features.Pairing;

/// <summary>Checks and reruns shared by HR's pins, bans and swaps: each change gives a fresh run to look at.</summary>
internal static class PairingRuleChange
{
    public static async Task<MentoringProgram> ProgramAsync(AppDbContext db, object command, int programId, CancellationToken cancellationToken)
    {
        var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == programId, cancellationToken) ?? throw new NotFoundException();
        if (!RunPairing.CanRun(program))
        {
            throw RequestValidationException.For(command, "", RunPairing.WrongStatusMessage);
        }

        return program;
    }

    /// <summary>Both people approved in this program, each in the role the rule gives them.</summary>
    public static async Task CheckPeopleAsync(AppDbContext db, object command, int programId, int mentorId, int menteeId, CancellationToken cancellationToken)
    {
        var people = await db.Enrolments.AsNoTracking()
            .Where(e => (e.Id == mentorId || e.Id == menteeId) && e.ProgramId == programId && e.Status == EnrolmentStatus.Approved)
            .Select(e => new { e.Id, e.Role })
            .ToListAsync(cancellationToken);
        if (!people.Any(p => p.Id == mentorId && p.Role == ParticipantRole.Mentor) || !people.Any(p => p.Id == menteeId && p.Role == ParticipantRole.Mentee))
        {
            throw RequestValidationException.For(command, "", "Choose an approved mentor and an approved mentee of this program.");
        }
    }

    public static Task<bool> IsLiveAsync(AppDbContext db, int programId, int mentorId, int menteeId, CancellationToken cancellationToken) =>
        db.Pairs.AnyAsync(p => p.ProgramId == programId && p.MentorEnrolmentId == mentorId && p.MenteeEnrolmentId == menteeId
            && (p.Status == PairStatus.Proposed || p.Status == PairStatus.Accepted), cancellationToken);

    public static async Task SaveAndRerunAsync(AppDbContext db, MentoringProgram program, string userId, DateTime now, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        await RunPairing.RunAsync(db, program, userId, now, cancellationToken);
    }
}
