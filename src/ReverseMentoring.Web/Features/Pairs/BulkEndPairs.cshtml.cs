using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Shared;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Pairs;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class BulkEndPairsModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int ProgramId { get; set; }

    [BindProperty(SupportsGet = true)]
    public BulkEndPairs.Command Data { get; set; } = new();

    public BulkEndPairs.Preview Preview { get; private set; } = null!;

    public string ListUrl => $"/Programs/{ProgramId}/Pairs" + (Data.Flag is { } flag ? $"?flag={flag}" : "");

    /// <summary>Shows what would happen; an empty or too large selection goes back to the list with the message by its button.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await ReloadAsync(cancellationToken);
        if (Preview.Problem is { } problem)
        {
            TempData["BulkProblem"] = problem;
            return Redirect(ListUrl);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Data.ProgramId = ProgramId;
        var report = await mediator.Send(Data, cancellationToken);
        TempData["BulkReport"] = report.ToJson();
        return Redirect(ListUrl);
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Preview = await mediator.Send(new BulkEndPairs.Query(ProgramId, Data.Ids, Data.AllMatching, Data.Flag), cancellationToken);
}

/// <summary>
/// HR ends many confirmed pairs of a program at once, with one ending and reason for all: the ticked ones, or every
/// confirmed pair that matches the list's flag filter. Each ends exactly as one pair does (<see cref="EndPair.End"/>):
/// its sessions still to come are cancelled; everything that happened stays.
/// </summary>
public static class BulkEndPairs
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int ProgramId, IReadOnlyList<int> Ids, bool AllMatching, PairFlagKind? Flag) : IQuery<Preview>;

    public sealed record Preview(int ProgramId, string ProgramName, IReadOnlyList<BulkRow> Rows, int UpcomingSessions, string? Problem)
    {
        public IReadOnlyList<BulkRow> Ready => Rows.Where(r => r.CanAct).ToList();

        public IReadOnlyList<BulkRow> Refused => Rows.Where(r => !r.CanAct).ToList();
    }

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand<BulkReport>, IPairEndingForm
    {
        public int ProgramId { get; set; }

        public List<int> Ids { get; set; } = [];

        /// <summary>Every confirmed pair that has <see cref="Flag"/> (or every confirmed pair), instead of <see cref="Ids"/>.</summary>
        public bool AllMatching { get; set; }

        public PairFlagKind? Flag { get; set; }

        public PairEnding? Ending { get; set; }

        public string? Reason { get; set; }

        public bool Confirm { get; set; }

        public BulkMode Mode { get; set; }
    }

    public sealed class Validator : PairEndingValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Mode).IsInEnum().WithMessage("Choose all or nothing, or to do what can be done.");
            RuleFor(c => c.Flag).IsInEnum();
            RuleFor(c => c.Ids)
                .Must((command, ids) => command.AllMatching || ids.Count > 0)
                .WithMessage(Bulk.SelectionProblem(0, "pair", "pairs"))
                .Must(ids => ids.Distinct().Count() <= Bulk.MaxSelection)
                .WithMessage(command => Bulk.SelectionProblem(command.Ids.Distinct().Count(), "pair", "pairs"));
        }
    }

    public static string NameOf(string mentorName, string menteeName) => $"{mentorName} and {menteeName}";

    /// <summary>The chosen pairs of the program: the ticked ids (others are not found), or the confirmed pairs with the flag.</summary>
    private static async Task<IQueryable<Pair>> SelectionAsync(
        AppDbContext db, int programId, IReadOnlyCollection<int> ids, bool allMatching, PairFlagKind? flag, DateTime now, CancellationToken cancellationToken)
    {
        var pairs = db.Pairs.Where(p => p.ProgramId == programId);
        if (!allMatching)
        {
            return pairs.Where(p => ids.Contains(p.Id));
        }

        pairs = pairs.Active();
        if (flag is { } wanted)
        {
            var health = await pairs.AsNoTracking().HealthByPairAsync(db, now, cancellationToken);
            var flagged = health.Values.Where(h => h.Has(wanted)).Select(h => h.PairId).ToList();
            pairs = pairs.Where(p => flagged.Contains(p.Id));
        }

        return pairs;
    }

    public sealed class QueryHandler(AppDbContext db, TimeProvider clock) : IQueryHandler<Query, Preview>
    {
        public async ValueTask<Preview> Handle(Query query, CancellationToken cancellationToken)
        {
            var program = await db.Programs.AsNoTracking().Where(p => p.Id == query.ProgramId).Select(p => new { p.Id, p.Name })
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException();
            var now = clock.GetUtcNow().UtcDateTime;
            var ids = (query.Ids ?? []).Distinct().ToList();
            var selection = (await SelectionAsync(db, program.Id, ids, query.AllMatching, query.Flag, now, cancellationToken)).AsNoTracking();
            var count = query.AllMatching ? await selection.CountAsync(cancellationToken) : ids.Count;
            if (Bulk.SelectionProblem(count, "pair", "pairs") is { } problem)
            {
                return new Preview(program.Id, program.Name, [], 0, problem);
            }

            var upcoming = db.Sessions.Upcoming(now);
            var found = await selection
                .Select(p => new { p.Id, Mentor = p.MentorEnrolment!.User!.DisplayName, Mentee = p.MenteeEnrolment!.User!.DisplayName, p.Status, Upcoming = upcoming.Count(s => s.PairId == p.Id) })
                .OrderBy(p => p.Mentor).ThenBy(p => p.Mentee).ThenBy(p => p.Id)
                .ToListAsync(cancellationToken);
            var rows = found.Select(p => new BulkRow(p.Id, NameOf(p.Mentor, p.Mentee),
                Pair.ActiveStatuses.Contains(p.Status) ? null : p.Status == PairStatus.Ended ? "this pair has ended already" : "only a confirmed pair can be ended")).ToList();
            if (!query.AllMatching)
            {
                rows.AddRange(Bulk.Missing(ids, found.Select(p => p.Id), "pair"));
            }

            var ready = rows.Where(r => r.CanAct).Select(r => r.Id).ToHashSet();
            return new Preview(program.Id, program.Name, rows, found.Where(p => ready.Contains(p.Id)).Sum(p => p.Upcoming), null);
        }
    }

    public sealed class Handler(AppDbContext db, Outbox outbox, PublicLinks links, CurrentUser current, TimeProvider clock) : ICommandHandler<Command, BulkReport>
    {
        public async ValueTask<BulkReport> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!await db.Programs.AnyAsync(p => p.Id == command.ProgramId, cancellationToken))
            {
                throw new NotFoundException();
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var ids = command.Ids.Distinct().ToList();
            var selection = await SelectionAsync(db, command.ProgramId, ids, command.AllMatching, command.Flag, now, cancellationToken);
            if (command.AllMatching && Bulk.SelectionProblem(await selection.CountAsync(cancellationToken), "pair", "pairs") is { } problem)
            {
                throw RequestValidationException.For(command, nameof(Command.Ids), problem);
            }

            // The pairs with both people, and all their sessions still to come, in two queries however many pairs there are.
            var pairs = await selection.Include(p => p.MentorEnrolment!.User).Include(p => p.MenteeEnrolment!.User)
                .OrderBy(p => p.MentorEnrolment!.User!.DisplayName).ThenBy(p => p.Id)
                .ToListAsync(cancellationToken);
            var pairIds = pairs.Select(p => p.Id).ToList();
            var upcoming = (await db.Sessions.Upcoming(now).Where(s => pairIds.Contains(s.PairId!.Value)).ToListAsync(cancellationToken)).ToLookup(s => s.PairId!.Value);

            var by = current.RequireId();
            var rows = Bulk.Apply(pairs, p => p.Id, p => NameOf(p.MentorEnrolment!.User!.DisplayName, p.MenteeEnrolment!.User!.DisplayName),
                pair => EndPair.End(pair, command, by, now, upcoming[pair.Id]));
            if (!command.AllMatching)
            {
                rows.AddRange(Bulk.Missing(ids, pairIds, "pair"));
            }

            var report = Bulk.Settle(command, command.Mode, rows, "ended", "pair", "pairs");
            var programName = await db.Programs.Where(p => p.Id == command.ProgramId).Select(p => p.Name).SingleAsync(cancellationToken);
            static EndPair.Side SideOf(Enrolment e) => new(e.Role, e.UserId, e.User!.Email ?? "", e.User.DisplayName);
            var ended = rows.Where(r => r.CanAct).Select(r => r.Id).ToHashSet();
            await outbox.QueueAsync(pairs.Where(p => ended.Contains(p.Id))
                .SelectMany(p => EndPair.EndedMail(p, SideOf(p.MentorEnrolment!), SideOf(p.MenteeEnrolment!), by, upcoming[p.Id].Count(), programName, links))
                .ToList(), cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw RequestValidationException.For(command, "", EndPair.ConflictMessage);
            }

            return report;
        }
    }
}
