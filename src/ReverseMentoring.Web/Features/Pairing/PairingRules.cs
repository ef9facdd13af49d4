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

    /// <summary>
    /// The program, when HR may pin or ban this mentor with this mentee: the pairing can run, both are approved in
    /// this program in the roles the rule gives them, and the pair is not published (<paramref name="whenPublished"/> says why not).
    /// </summary>
    public static async Task<MentoringProgram> ProgramForPairAsync(
        AppDbContext db, object command, int programId, int mentorId, int menteeId, string whenPublished, CancellationToken cancellationToken)
    {
        var program = await ProgramAsync(db, command, programId, cancellationToken);
        if (await ApprovedSidesAsync(db, programId, mentorId, menteeId, cancellationToken) is not ({ }, { }))
        {
            throw RequestValidationException.For(command, "", NotApprovedSidesMessage);
        }

        if (await db.Pairs.Live().AnyAsync(p => p.ProgramId == programId && p.MentorEnrolmentId == mentorId && p.MenteeEnrolmentId == menteeId, cancellationToken))
        {
            throw RequestValidationException.For(command, "", whenPublished);
        }

        return program;
    }

    public const string NotApprovedSidesMessage = "Choose an approved mentor and an approved mentee of this program.";

    /// <summary>The mentor and the mentee, each only when approved in this program in that role; null otherwise.</summary>
    public static async Task<(PairingBoard.Person? Mentor, PairingBoard.Person? Mentee)> ApprovedSidesAsync(
        AppDbContext db, int programId, int mentorId, int menteeId, CancellationToken cancellationToken)
    {
        var people = await db.Enrolments.AsNoTracking()
            .Where(e => (e.Id == mentorId || e.Id == menteeId) && e.ProgramId == programId && e.Status == EnrolmentStatus.Approved)
            .Select(e => new { Person = new PairingBoard.Person(e.Id, e.User!.DisplayName, e.Department), e.Role })
            .ToListAsync(cancellationToken);
        return (people.FirstOrDefault(p => p.Person.Id == mentorId && p.Role == ParticipantRole.Mentor)?.Person,
            people.FirstOrDefault(p => p.Person.Id == menteeId && p.Role == ParticipantRole.Mentee)?.Person);
    }

    public static async Task SaveAndRerunAsync(AppDbContext db, MentoringProgram program, string userId, DateTime now, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        await RunPairing.RunAsync(db, program, userId, now, cancellationToken);
    }
}
