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
        db.Pairs.Live().AnyAsync(p => p.ProgramId == programId && p.MentorEnrolmentId == mentorId && p.MenteeEnrolmentId == menteeId, cancellationToken);

    public static async Task SaveAndRerunAsync(AppDbContext db, MentoringProgram program, string userId, DateTime now, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        await RunPairing.RunAsync(db, program, userId, now, cancellationToken);
    }
}

/// <summary>HR wants this mentor with this mentee: every run keeps the pair. A mentee has one pin at a time.</summary>
public static class PinPair
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand
    {
        public int ProgramId { get; set; }

        public int MentorEnrolmentId { get; set; }

        public int MenteeEnrolmentId { get; set; }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var program = await PairingRuleChange.ProgramAsync(db, command, command.ProgramId, cancellationToken);
            await PairingRuleChange.CheckPeopleAsync(db, command, program.Id, command.MentorEnrolmentId, command.MenteeEnrolmentId, cancellationToken);
            if (await PairingRuleChange.IsLiveAsync(db, program.Id, command.MentorEnrolmentId, command.MenteeEnrolmentId, cancellationToken))
            {
                throw RequestValidationException.For(command, "", "This pair is already published; there is nothing to pin.");
            }

            var userId = current.RequireId();
            var now = clock.GetUtcNow().UtcDateTime;
            var replaced = await db.PairingRules
                .Where(r => r.ProgramId == program.Id && r.MenteeEnrolmentId == command.MenteeEnrolmentId
                    && (r.Kind == PairingRuleKind.Pin || r.MentorEnrolmentId == command.MentorEnrolmentId))
                .ToListAsync(cancellationToken);
            db.PairingRules.RemoveRange(replaced);
            await db.SaveChangesAsync(cancellationToken);
            db.PairingRules.Add(new PairingRule
            {
                ProgramId = program.Id,
                MentorEnrolmentId = command.MentorEnrolmentId,
                MenteeEnrolmentId = command.MenteeEnrolmentId,
                Kind = PairingRuleKind.Pin,
                CreatedAtUtc = now,
                CreatedByUserId = userId,
            });
            await PairingRuleChange.SaveAndRerunAsync(db, program, userId, now, cancellationToken);
            return Unit.Value;
        }
    }
}

/// <summary>HR forbids this mentor with this mentee: no run proposes the pair.</summary>
public static class BanPair
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand
    {
        public int ProgramId { get; set; }

        public int MentorEnrolmentId { get; set; }

        public int MenteeEnrolmentId { get; set; }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var program = await PairingRuleChange.ProgramAsync(db, command, command.ProgramId, cancellationToken);
            await PairingRuleChange.CheckPeopleAsync(db, command, program.Id, command.MentorEnrolmentId, command.MenteeEnrolmentId, cancellationToken);
            if (await PairingRuleChange.IsLiveAsync(db, program.Id, command.MentorEnrolmentId, command.MenteeEnrolmentId, cancellationToken))
            {
                throw RequestValidationException.For(command, "",
                    "This pair is already published; a ban only stops future runs. It ends when one of them declines.");
            }

            var userId = current.RequireId();
            var now = clock.GetUtcNow().UtcDateTime;
            var existing = await db.PairingRules.SingleOrDefaultAsync(r => r.ProgramId == program.Id
                && r.MentorEnrolmentId == command.MentorEnrolmentId && r.MenteeEnrolmentId == command.MenteeEnrolmentId, cancellationToken);
            if (existing is null)
            {
                db.PairingRules.Add(new PairingRule
                {
                    ProgramId = program.Id,
                    MentorEnrolmentId = command.MentorEnrolmentId,
                    MenteeEnrolmentId = command.MenteeEnrolmentId,
                    Kind = PairingRuleKind.Ban,
                    CreatedAtUtc = now,
                    CreatedByUserId = userId,
                });
            }
            else
            {
                existing.Kind = PairingRuleKind.Ban;
                existing.CreatedAtUtc = now;
                existing.CreatedByUserId = userId;
            }

            await PairingRuleChange.SaveAndRerunAsync(db, program, userId, now, cancellationToken);
            return Unit.Value;
        }
    }
}

/// <summary>Takes back a pin or a ban; the next run is free to pair as the scores say.</summary>
public static class RemovePairingRule
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand
    {
        public int ProgramId { get; set; }

        public int RuleId { get; set; }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var program = await PairingRuleChange.ProgramAsync(db, command, command.ProgramId, cancellationToken);
            var rule = await db.PairingRules.SingleOrDefaultAsync(r => r.Id == command.RuleId && r.ProgramId == program.Id, cancellationToken)
                ?? throw new NotFoundException();
            db.PairingRules.Remove(rule);
            await PairingRuleChange.SaveAndRerunAsync(db, program, current.RequireId(), clock.GetUtcNow().UtcDateTime, cancellationToken);
            return Unit.Value;
        }
    }
}

/// <summary>Swaps the mentees of two proposed pairs by pinning the crosswise pairs, then runs again.</summary>
public static class SwapPairs
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand
    {
        public int ProgramId { get; set; }

        public int RunId { get; set; }

        public int MenteeEnrolmentId { get; set; }

        public int WithMenteeEnrolmentId { get; set; }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var program = await PairingRuleChange.ProgramAsync(db, command, command.ProgramId, cancellationToken);
            var run = await db.PairingRuns.AsNoTracking()
                .Where(r => r.ProgramId == program.Id).OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
            if (run is null || run.Id != command.RunId || run.PublishedAtUtc is not null)
            {
                throw RequestValidationException.For(command, "", PublishPairing.StaleMessage);
            }

            var pairs = StoredRun.FromJson(run.Result).Pairs;
            var first = pairs.FirstOrDefault(p => p.MenteeId == command.MenteeEnrolmentId);
            var second = pairs.FirstOrDefault(p => p.MenteeId == command.WithMenteeEnrolmentId);
            if (first is null || second is null || first.MenteeId == second.MenteeId)
            {
                throw RequestValidationException.For(command, nameof(Command.WithMenteeEnrolmentId), "Choose another proposed pair to swap mentees with.");
            }

            if (first.MentorId == second.MentorId)
            {
                throw RequestValidationException.For(command, nameof(Command.WithMenteeEnrolmentId), "Both mentees have the same mentor; choose a pair with another mentor.");
            }

            var userId = current.RequireId();
            var now = clock.GetUtcNow().UtcDateTime;
            int[] mentors = [first.MentorId, second.MentorId];
            int[] mentees = [first.MenteeId, second.MenteeId];
            var replaced = await db.PairingRules
                .Where(r => r.ProgramId == program.Id && (
                    (r.Kind == PairingRuleKind.Pin && (mentors.Contains(r.MentorEnrolmentId) || mentees.Contains(r.MenteeEnrolmentId)))
                    || (mentors.Contains(r.MentorEnrolmentId) && mentees.Contains(r.MenteeEnrolmentId))))
                .ToListAsync(cancellationToken);
            db.PairingRules.RemoveRange(replaced);
            await db.SaveChangesAsync(cancellationToken);
            db.PairingRules.AddRange(
                new PairingRule { ProgramId = program.Id, MentorEnrolmentId = first.MentorId, MenteeEnrolmentId = second.MenteeId, Kind = PairingRuleKind.Pin, CreatedAtUtc = now, CreatedByUserId = userId },
                new PairingRule { ProgramId = program.Id, MentorEnrolmentId = second.MentorId, MenteeEnrolmentId = first.MenteeId, Kind = PairingRuleKind.Pin, CreatedAtUtc = now, CreatedByUserId = userId });
            await PairingRuleChange.SaveAndRerunAsync(db, program, userId, now, cancellationToken);
            return Unit.Value;
        }
    }
}
