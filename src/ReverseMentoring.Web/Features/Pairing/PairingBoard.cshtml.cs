using Microsoft.AspNetCore.Authorization;
using System.Globalization;
using System.Text.RegularExpressions;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Pairing.Engine;
using ReverseMentoring.Web.Features.Shared;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.Programs;

namespace ReverseMentoring.Web.Features.Pairing;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class PairingBoardModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int ProgramId { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    /// <summary>The pair whose ban waits for confirmation, as "mentorId-menteeId".</summary>
    [FromQuery(Name = "ban")]
    public string? BanToConfirm { get; set; }

    /// <summary>The mentee whose swap HR is looking at, with <see cref="SwapWith"/>: nothing changes until they confirm.</summary>
    [FromQuery(Name = "swap")]
    public int? SwapMentee { get; set; }

    [FromQuery(Name = "with")]
    public int? SwapWith { get; set; }

    /// <summary>HR asked to publish: the page names what publishing sends and what is still open, and asks again.</summary>
    [FromQuery(Name = "publish")]
    public bool PublishToConfirm { get; set; }

    public SwapPairs.Preview? SwapPreview { get; private set; }

    /// <summary>The unmatched mentee HR pairs by hand, with <see cref="HandMentor"/>: shown first, pinned on confirmation.</summary>
    [FromQuery(Name = "hand")]
    public int? HandMentee { get; set; }

    [FromQuery(Name = "mentor")]
    public int? HandMentor { get; set; }

    public PairByHand.Preview? HandPreview { get; private set; }

    public PairingBoard.Result Board { get; private set; } = null!;

    public PairingBoard.Fairness Fairness { get; private set; } = null!;

    [BindProperty]
    public RunPairing.Command Run { get; set; } = new();

    [BindProperty]
    public PublishPairing.Command Publish { get; set; } = new();

    [BindProperty]
    public PinPair.Command Pin { get; set; } = new();

    [BindProperty]
    public BanPair.Command Ban { get; set; } = new();

    [BindProperty]
    public SwapPairs.Command Swap { get; set; } = new();

    [BindProperty]
    public RemovePairingRule.Command Remove { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Board = await mediator.Send(new PairingBoard.Query(ProgramId, PageNumber), cancellationToken);
        Fairness = await mediator.Send(new PairingBoard.FairnessQuery(ProgramId), cancellationToken);
        if (SwapMentee is { } mentee && SwapWith is { } with)
        {
            SwapPreview = await mediator.Send(new SwapPairs.PreviewQuery(ProgramId, mentee, with), cancellationToken);
        }

        if (HandMentee is { } unmatched && HandMentor is { } chosen)
        {
            HandPreview = await mediator.Send(new PairByHand.PreviewQuery(ProgramId, unmatched, chosen), cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostRunAsync(CancellationToken cancellationToken)
    {
        Run.ProgramId = ProgramId;
        await mediator.Send(Run, cancellationToken);
        return Back();
    }

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken cancellationToken)
    {
        Publish.ProgramId = ProgramId;
        await mediator.Send(Publish, cancellationToken);
        return Back();
    }

    public async Task<IActionResult> OnPostPinAsync(CancellationToken cancellationToken)
    {
        Pin.ProgramId = ProgramId;
        await mediator.Send(Pin, cancellationToken);
        return Back();
    }

    public async Task<IActionResult> OnPostBanAsync(CancellationToken cancellationToken)
    {
        Ban.ProgramId = ProgramId;
        await mediator.Send(Ban, cancellationToken);
        return Back();
    }

    public async Task<IActionResult> OnPostSwapAsync(CancellationToken cancellationToken)
    {
        Swap.ProgramId = ProgramId;
        await mediator.Send(Swap, cancellationToken);
        return Back();
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken cancellationToken)
    {
        Remove.ProgramId = ProgramId;
        await mediator.Send(Remove, cancellationToken);
        return Back();
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        Board ??= await mediator.Send(new PairingBoard.Query(ProgramId, PageNumber), cancellationToken);
        Fairness ??= await mediator.Send(new PairingBoard.FairnessQuery(ProgramId), cancellationToken);
    }

    private LocalRedirectResult Back() => LocalRedirect($"/Programs/{ProgramId}/Pairing");
}

/// <summary>The pairing board: the latest run's proposal with HR's pins and bans, and the pairs published so far.</summary>
public static partial class PairingBoard
{
    public const int PageSize = 50;
    public const int ListCap = 200;

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int ProgramId, int Page = 1) : IQuery<Result>;

    public sealed record Person(int Id, string Name, string Department);

    public sealed record ProposedRow(Person Mentor, Person Mentee, int Percent, bool Pinned, string Reasons, IReadOnlyList<string> Concerns);

    public sealed record UnmatchedRow(Person Person, ParticipantRole Role, string Reason);

    public sealed record RuleRow(int Id, PairingRuleKind Kind, Person Mentor, Person Mentee);

    public sealed record PublishedRow(
        int Id, Person Mentor, Person Mentee, int Percent, PairStatus Status, PairResponse MentorResponse, PairResponse MenteeResponse,
        DateTime ProposedAtUtc, DateTime? NoResponseFlaggedAtUtc, string? DeclineReason);

    public sealed record RunSummary(
        int Id, DateTime CreatedAtUtc, DateTime? PublishedAtUtc, bool IsPublished, int PairCount, long TotalScore, int AveragePercent,
        int FirstFitPercentLess, IReadOnlyList<ProposedRow> Pairs, Pager Pager, IReadOnlyList<UnmatchedRow> Unmatched, int UnmatchedTotal,
        IReadOnlyList<string> Warnings, int PairsWithConcerns, int WellFitting, int PeoplePaired, int? FirstFitPeople, int? FirstFitAveragePercent);

    public sealed record Result(
        int ProgramId, string ProgramName, ProgramStatus Status, bool IsArchived, Guid Version, int PairResponseDays,
        int ApprovedMentors, int ApprovedMentees, RunSummary? Run, IReadOnlyList<RuleRow> Rules,
        IReadOnlyList<PublishedRow> Published, int PublishedTotal, IReadOnlyList<Person> Mentors)
    {
        public bool CanRun => !IsArchived && Status is ProgramStatus.Matching or ProgramStatus.Running;
    }

    /// <summary>The engine's reason, as a sentence.</summary>
    /// <summary>Names the enrolments the board shows, in one query; an id it does not know reads "Unknown person".</summary>
    internal static async Task<Func<int, Person>> PeopleAsync(AppDbContext db, IEnumerable<int> enrolmentIds, CancellationToken cancellationToken)
    {
        var ids = enrolmentIds.Distinct().ToList();
        var people = await db.Enrolments.AsNoTracking()
            .WhereIdIn(e => e.Id, ids)
            .Select(e => new Person(e.Id, e.User!.DisplayName, e.Department))
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        return id => people.GetValueOrDefault(id) ?? new Person(id, "Unknown person", "");
    }

    public static string Describe(UnmatchedPerson person)
    {
        ArgumentNullException.ThrowIfNull(person);
        var why = person.Explanation;
        return string.Concat(why[..1].ToUpperInvariant(), why[1..]);
    }

    // The engine names people by candidate id; the board shows their names.
    [GeneratedRegex(@"mentor (\d+) with mentee (\d+)")]
    private static partial Regex PinWarning();

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var program = await db.Programs.AsNoTracking()
                .Where(p => p.Id == query.ProgramId)
                .Select(p => new { p.Id, p.Name, p.Status, p.ArchivedAtUtc, p.Version, p.PairResponseDays })
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException();
            var counts = await db.Enrolments.AsNoTracking()
                .Where(e => e.ProgramId == program.Id && e.Status == EnrolmentStatus.Approved)
                .GroupBy(e => e.Role).Select(g => new { Role = g.Key, Count = g.Count() })
                .ToListAsync(cancellationToken);
            var latest = await db.PairingRuns.AsNoTracking()
                .Where(r => r.ProgramId == program.Id).OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
            var rules = await db.PairingRules.AsNoTracking()
                .Where(r => r.ProgramId == program.Id).OrderBy(r => r.Id)
                .Select(r => new { r.Id, r.Kind, r.MentorEnrolmentId, r.MenteeEnrolmentId })
                .ToListAsync(cancellationToken);
            var publishedTotal = await db.Pairs.CountAsync(p => p.ProgramId == program.Id, cancellationToken);

            // The mentors HR may pair an unmatched mentee with by hand.
            var mentors = await db.Enrolments.AsNoTracking()
                .Where(e => e.ProgramId == program.Id && e.Status == EnrolmentStatus.Approved && e.Role == ParticipantRole.Mentor)
                .OrderBy(e => e.User!.DisplayName).ThenBy(e => e.Id)
                .Take(ListCap)
                .Select(e => new Person(e.Id, e.User!.DisplayName, e.Department))
                .ToListAsync(cancellationToken);
            var published = await db.Pairs.AsNoTracking()
                .Where(p => p.ProgramId == program.Id)
                .OrderBy(p => p.NoResponseFlaggedAtUtc == null).ThenByDescending(p => p.ProposedAtUtc).ThenByDescending(p => p.Id)
                .Take(ListCap)
                .Select(p => new { p.Id, p.MentorEnrolmentId, p.MenteeEnrolmentId, p.ScorePercent, p.Status, p.MentorResponse, p.MenteeResponse, p.ProposedAtUtc, p.NoResponseFlaggedAtUtc, p.DeclineReason })
                .ToListAsync(cancellationToken);

            var stored = latest is null ? null : StoredRun.FromJson(latest.Result);
            var (page, pageCount) = Paging.Clamp(query.Page, stored?.Pairs.Count ?? 0, PageSize);
            var shownPairs = stored?.Pairs.Page(page, PageSize).ToList() ?? [];
            var shownUnmatched = stored?.Unmatched.Take(ListCap).ToList() ?? [];

            var warningIds = stored?.Warnings.SelectMany(w => PinWarning().Matches(w))
                .SelectMany(m => new[] { int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) })
                ?? [];
            var ids = shownPairs.SelectMany(p => new[] { p.MentorId, p.MenteeId })
                .Concat(warningIds)
                .Concat(shownUnmatched.Select(u => u.Id))
                .Concat(rules.SelectMany(r => new[] { r.MentorEnrolmentId, r.MenteeEnrolmentId }))
                .Concat(published.SelectMany(p => new[] { p.MentorEnrolmentId, p.MenteeEnrolmentId }))
                .Distinct().ToList();
            var who = await PeopleAsync(db, ids, cancellationToken);

            RunSummary? run = null;
            if (latest is not null && stored is not null)
            {
                var average = stored.Pairs.Count == 0 ? 0 : (int)Math.Round(stored.Pairs.Average(p => p.Percent));
                var less = latest.TotalScore <= 0 ? 0 : (int)Math.Round(100.0 * (latest.TotalScore - stored.FirstFitTotal) / latest.TotalScore);
                run = new RunSummary(latest.Id, latest.CreatedAtUtc, latest.PublishedAtUtc, latest.PublishedAtUtc is not null, latest.PairCount,
                    latest.TotalScore, average, Math.Max(0, less),
                    shownPairs.Select(p => new ProposedRow(who(p.MentorId), who(p.MenteeId), p.Percent, p.Pinned, string.Join("; ", p.Reasons), PairingEngine.Concerns(p.Reasons))).ToList(),
                    new Pager(page, pageCount, stored.Pairs.Count, "proposed pair", "proposed pairs"),
                    shownUnmatched.Select(u => new UnmatchedRow(who(u.Id), u.Role, Describe(new UnmatchedPerson(u.Id, u.Role, u.Reason, u.Detail)))).ToList(),
                    stored.Unmatched.Count,
                    stored.Warnings.Select(w => PinWarning().Replace(w, m =>
                        $"mentor {who(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Name} with mentee {who(int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)).Name}")).ToList(),
                    stored.Pairs.Count(p => PairingEngine.Concerns(p.Reasons).Count > 0),
                    stored.Pairs.Count(p => p.Percent >= PairingEngine.WellFittingPercent),
                    RunPairing.PeopleIn(stored.Pairs.Select(p => (p.MentorId, p.MenteeId))), stored.FirstFitPeople, stored.FirstFitAveragePercent);
            }

            return new Result(program.Id, program.Name, program.Status, program.ArchivedAtUtc is not null, program.Version, program.PairResponseDays,
                counts.FirstOrDefault(c => c.Role == ParticipantRole.Mentor)?.Count ?? 0,
                counts.FirstOrDefault(c => c.Role == ParticipantRole.Mentee)?.Count ?? 0,
                run,
                rules.Select(r => new RuleRow(r.Id, r.Kind, who(r.MentorEnrolmentId), who(r.MenteeEnrolmentId))).ToList(),
                published.Select(p => new PublishedRow(p.Id, who(p.MentorEnrolmentId), who(p.MenteeEnrolmentId), p.ScorePercent, p.Status,
                    p.MentorResponse, p.MenteeResponse, p.ProposedAtUtc, p.NoResponseFlaggedAtUtc, p.DeclineReason)).ToList(),
                publishedTotal, mentors);
        }
    }
}
