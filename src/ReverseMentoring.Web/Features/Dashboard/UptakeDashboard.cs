using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Dashboard.Facts;
using ReverseMentoring.Web.Features.Shared;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Dashboard;

/// <summary>
/// Every figure of the uptake dashboard: those of sessions, ratings, pairs and people worked out in memory from the day
/// facts of the period and the lookups (UptakeDashboard.FromFacts.cs, ADR 0023), the others by grouped queries over their
/// moderate tables (pairs at risk read a few facts per active pair). Definitions: docs/dashboard.md (and the footnotes on
/// the page). Here: the request, its result and the handler that reuses computed results; each group of figures is in the
/// UptakeDashboard.*.cs file named for it (Scope, Funnel, Sessions, Ratings, Skills, AtRisk, Programs).
/// </summary>
public static partial class UptakeDashboard
{
    public const int MaxPeriodDays = 3 * 366;

    /// <summary>The filters; the same names are used in the page's query string and the CSV links.</summary>
    [AllowedRoles(Roles.Leadership, Roles.HrCoordinator)]
    public sealed class Query : IQuery<Result>
    {
        public int? ProgramId { get; set; }
        public string? Department { get; set; }
        public string? JobLevel { get; set; }
        public DateOnly? From { get; set; }
        public DateOnly? To { get; set; }

        /// <summary>The filters as a query string ("ProgramId=2&amp;From=2026-01-01"), for export and print links.</summary>
        public string ToQueryString()
        {
            var parts = new List<string>();
            void Add(string name, string? value)
            {
                if (!string.IsNullOrWhiteSpace(value))
                {
                    parts.Add($"{name}={Uri.EscapeDataString(value)}");
                }
            }

            Add(nameof(ProgramId), ProgramId?.ToString(CultureInfo.InvariantCulture));
            Add(nameof(Department), Department);
            Add(nameof(JobLevel), JobLevel);
            Add(nameof(From), From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Add(nameof(To), To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            return string.Join('&', parts);
        }
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Department).MaximumLength(Enrolment.TextMaxLength)
                .WithMessage($"A department name is at most {Enrolment.TextMaxLength} characters. Pick one from the list.");
            RuleFor(q => q.JobLevel).MaximumLength(Enrolment.TextMaxLength)
                .WithMessage($"A job level is at most {Enrolment.TextMaxLength} characters. Pick one from the list.");
            RuleFor(q => q.From).WithinSupportedDates();
            RuleFor(q => q.To).WithinSupportedDates();
            RuleFor(q => q.To)
                .Must((q, to) => q.From is null || to is null || to >= q.From)
                .WithMessage("The period must end on or after its first day. Change the dates.")
                .Must((q, to) => q.From is null || to is null || to.Value.DayNumber - q.From.Value.DayNumber <= MaxPeriodDays)
                .WithMessage("Choose a period of at most three years.");
        }
    }

    public sealed record Result(
        Query Filter,
        Period Period,
        bool ExactCounts,
        string? ProgramName,
        IReadOnlyList<FunnelRow> Funnel,
        Measure MatchRate,
        Measure MedianDaysToMatch,
        Count ActivePairs,
        IReadOnlyList<WeekRow> SessionsPerWeek,
        Count SessionsHeld,
        Adherence Cadence,
        Measure AverageRating,
        Count Raters,
        int Ratings,
        IReadOnlyList<MonthRating> RatingByMonth,
        IReadOnlyList<SkillMove> Skills,
        IReadOnlyList<SkillMove> Growth,
        TraitFigures Traits,
        PairsAtRisk AtRisk,
        IReadOnlyList<ProgramRow> Programs,
        IReadOnlyList<Option> ProgramOptions,
        IReadOnlyList<string> Departments,
        IReadOnlyList<string> JobLevels)
    {
        /// <summary>People in the selection: distinct people enrolled by the end of the period who match the filters.</summary>
        public int GroupSize { get; init; }

        /// <summary>Leadership's view of a selection of 1 to 4 people: every figure derived from people is withheld.</summary>
        public bool SmallGroup { get; init; }

        /// <summary>The headline figures with their change since the previous period.</summary>
        public ExecutiveSummary? Summary { get; init; }

        /// <summary>Reach beyond pairs: knowledge-sharing sessions held, seats attended, seniors reached, their rating.</summary>
        public KnowledgeFigures Knowledge { get; init; } = KnowledgeFigures.None;
    }

    public sealed class Handler(
        AppDbContext db, CurrentUser user, TimeProvider clock, IMemoryCache cache, DashboardLookups lookups, PairHealthCache pairHealth, DatabaseChanges changes,
        IServiceScopeFactory scopes, FilteredViewsRead viewsRead)
        : IQueryHandler<Query, Result>
    {
        /// <summary>
        /// How long a computed dashboard may be reused while nothing it counts has changed: pairs at risk are worked out
        /// as at the time of the request, so a result is not reused for long even when no data moves.
        /// </summary>
        public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);

        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            using var request = lookups.Request();
            var sources = await FigureSources.ReadAsync(db, cache, lookups, pairHealth, changes, scopes, cancellationToken);
            var exact = user.IsInRole(Roles.HrCoordinator);
            var result = await ViewAsync(sources, query, exact, now, cancellationToken);
            var (department, jobLevel) = (Clean(query.Department), Clean(query.JobLevel));
            if (query.From is null && query.To is null && (department is not null || jobLevel is not null)
                && (department is null || sources.Lookups.Departments.Contains(department, StringComparer.Ordinal))
                && (jobLevel is null || sources.Lookups.JobLevels.Contains(jobLevel, StringComparer.Ordinal))
                && (query.ProgramId is null || sources.Lookups.ProgramById.ContainsKey(query.ProgramId.Value)))
            {
                viewsRead.Note(query.ProgramId, department, jobLevel, exact, now);
            }

            return result;
        }

        /// <summary>
        /// Works out (or finds current) each view as HR (exact) or leadership sees it: the fold's first views, the views
        /// worked out at start, and the filtered views read lately (<see cref="FilteredViewsRead"/>).
        /// </summary>
        internal static async Task WorkOutAsync(
            FigureSources sources, IEnumerable<(Query View, bool Exact)> views, DateTime now, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(sources);
            ArgumentNullException.ThrowIfNull(views);
            foreach (var (view, exact) in views)
            {
                await ViewAsync(sources, view, exact, now, cancellationToken);
            }
        }

        private static IEnumerable<(Query View, bool Exact)> AsHrAndLeadership(IEnumerable<Query> views) =>
            views.SelectMany(view => new[] { (view, true), (view, false) });

        /// <summary>
        /// Works out (or finds current) the figures of the page as HR and as leadership open it first: with no filter, and
        /// for each program, so that the first view after a start, or after writes (at most a minute on), is a
        /// reuse (<see cref="DashboardFactsFold"/> calls it). A program's page shares the unfiltered page's parts per
        /// program, so it adds little; the other filters are worked out when asked, or once at start
        /// (<see cref="WarmFilteredViewsAsync"/>).
        /// </summary>
        internal static async Task KeepFirstViewsCurrentAsync(FigureSources sources, DateTime now, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(sources);
            IEnumerable<int?> programIds = [null, .. sources.Lookups.Programs.Select(p => (int?)p.Id).Order()];
            await WorkOutAsync(sources, AsHrAndLeadership(programIds.Select(id => new Query { ProgramId = id })), now, cancellationToken);
        }

        /// <summary>
        /// Works out filtered dashboards, as HR and leadership see them, once after a start: each of the
        /// <see cref="KeptAhead"/> largest departments and job levels on its own, then the smallest department with its
        /// most common job level. A department or a job level on its own is also a wider group that leadership's view of
        /// two filters is checked against, so after a start such a view computes only its own scope; and a filtered view
        /// takes code and queries the first views do not (the scope's people, the wider groups), and compiling them was
        /// about half of the first department anyone opened. They are not all kept current as the first views are (26
        /// more views worked out every minute under writes cost the HR home a fifth of its throughput): each holds until a
        /// write moves its programs or <see cref="CacheFor"/> ends, unless someone reads it (<see cref="FilteredViewsRead"/>,
        /// ADR 0029).
        /// </summary>
        internal static async Task WarmFilteredViewsAsync(FigureSources sources, DateTime now, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(sources);
            IEnumerable<Query> views = [.. OneFilterViewsOf(sources.Lookups), .. WarmedFilterOf(sources.Lookups) is { } filter ? [filter] : Array.Empty<Query>()];
            await WorkOutAsync(sources, AsHrAndLeadership(views), now, cancellationToken);
        }

        /// <summary>
        /// How many departments and job levels on their own are worked out at start, largest first: each costs about
        /// 150 ms at 100,000 people, so a company with hundreds of departments has only its largest ones ready.
        /// </summary>
        public const int KeptAhead = 40;

        /// <summary>The department-only and job-level-only views <see cref="WarmFilteredViewsAsync"/> works out.</summary>
        internal static IReadOnlyList<Query> OneFilterViewsOf(DashboardLookups.Snapshot lookups)
        {
            ArgumentNullException.ThrowIfNull(lookups);
            var departments = lookups.Enrolments.Where(e => e.Department.Length > 0).GroupBy(e => e.Department, StringComparer.Ordinal)
                .Select(g => (Size: g.Count(), View: new Query { Department = g.Key }));
            var jobLevels = lookups.Enrolments.Where(e => e.JobLevel.Length > 0).GroupBy(e => e.JobLevel, StringComparer.Ordinal)
                .Select(g => (Size: g.Count(), View: new Query { JobLevel = g.Key }));
            return [.. departments.Concat(jobLevels).OrderByDescending(v => v.Size).Take(KeptAhead).Select(v => v.View)];
        }

        /// <summary>The filter <see cref="WarmFilteredViewsAsync"/> works out; none while nobody has a department.</summary>
        internal static Query? WarmedFilterOf(DashboardLookups.Snapshot lookups)
        {
            ArgumentNullException.ThrowIfNull(lookups);
            var department = lookups.Enrolments.Where(e => e.Department.Length > 0)
                .GroupBy(e => e.Department, StringComparer.Ordinal).OrderBy(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault();
            var jobLevel = department?.Where(e => e.JobLevel.Length > 0)
                .GroupBy(e => e.JobLevel, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault()?.Key;
            return department is null ? null : new Query { Department = department.Key, JobLevel = jobLevel };
        }

        // HR sees the exact figures. Leadership sees them over whole months, rounded, and with every figure hidden that
        // would single out fewer than five people against the same figure for a wider group (docs/dashboard.md), so the
        // exact figures of those wider groups are worked out too.
        private static async Task<Result> ViewAsync(FigureSources sources, Query query, bool exact, DateTime now, CancellationToken cancellationToken)
        {
            var (department, jobLevel) = (Clean(query.Department), Clean(query.JobLevel));
            var today = DateOnly.FromDateTime(now);
            var period = PeriodOf(query, today);
            var summaryPeriods = SummaryPeriodsOf(query.From, query.To, today, wholeMonths: !exact);
            var pagePeriod = exact ? period : WholeMonths(period);
            sources.Covering = Period.Spanning(pagePeriod, summaryPeriods.Current, summaryPeriods.Previous);
            var summary = await SummaryAsync(sources, query.ProgramId, department, jobLevel, query.From, query.To, !exact, !exact, now, cancellationToken);
            if (exact)
            {
                return (await ExactAsync(sources, query.ProgramId, department, jobLevel, period, now, cancellationToken)) with { Filter = query, Summary = summary };
            }

            period = WholeMonths(period);
            var own = await ExactAsync(sources, query.ProgramId, department, jobLevel, period, now, cancellationToken);
            var wider = new List<Result>();
            foreach (var (programId, widerDepartment, widerJobLevel) in WiderScopes(query.ProgramId, department, jobLevel))
            {
                wider.Add(await ExactAsync(sources, programId, widerDepartment, widerJobLevel, period, now, cancellationToken));
            }

            return LeadershipFigures.ReusedOf(own, wider) with { Filter = query, Summary = summary };
        }

        // The exact figures of a scope and period are reused while the versions of the programs in scope and the moderate
        // tables still queried have not moved (FigureSources.KeyOf), within the five-minute window of the pairs at risk.
        // Leadership's view is worked out from them once per set of them (LeadershipFigures.ReusedOf).
        private static async Task<Result> ExactAsync(
            FigureSources sources, int? programId, string? department, string? jobLevel, Period period, DateTime now, CancellationToken cancellationToken)
        {
            var query = new Query { ProgramId = programId, Department = department, JobLevel = jobLevel, From = period.From, To = period.To };
            return await sources.ComputedAsync(
                (nameof(Result), programId, department, jobLevel, period.From, period.To), $"{now.Ticks / CacheFor.Ticks}/{sources.KeyOf(programId)}", now,
                (own, ct) => FiguresAsync(own, query, period, now, ct), cancellationToken);
        }

        /// <summary>The exact figures, as HR sees them: sessions, ratings, pairs and people from the day facts and the lookups.</summary>
        private static async Task<Result> FiguresAsync(FigureSources sources, Query query, Period period, DateTime now, CancellationToken cancellationToken)
        {
            var facts = await sources.ScopeAsync(query.ProgramId, query.Department, query.JobLevel);
            var core = await CoreOfAsync(sources, facts, period, cancellationToken);
            var programs = sources.Lookups.Programs.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => new Option(p.Id, p.Name)).ToList();
            var scope = ScopeOf(sources.Db, query.ProgramId, query.Department, query.JobLevel);
            var moderate = await sources.ReusedAsync(
                (nameof(ModerateFigures), query.ProgramId, query.Department, query.JobLevel, period.From, period.To), sources.ModerateKeyOf(query.ProgramId),
                () => ModerateAsync(sources, facts, query, scope, period, cancellationToken));
            return await FiguresOfAsync(
                sources.Db, core, moderate, RiskPairIds(facts), sources.Health,
                query, period, now, programs, sources.Lookups.Departments, sources.Lookups.JobLevels, cancellationToken);
        }
    }

    /// <summary>
    /// The reference the day-fact figures are tested against: every figure worked out by the database with one grouped
    /// query over sessions, feedback, pairs and enrolments, as before ADR 0023. Not used by the app.
    /// </summary>
    internal static async Task<Result> ReferenceFiguresAsync(AppDbContext db, Query query, Period period, DateTime now, CancellationToken cancellationToken)
    {
        var scope = ScopeOf(db, query.ProgramId, query.Department, query.JobLevel);
        var programs = await ProgramOptionsAsync(db, cancellationToken);
        var (departments, jobLevels) = await DepartmentsAndJobLevelsAsync(db, cancellationToken);
        var core = await ReferenceCoreAsync(db, scope, period, cancellationToken);
        var pairIds = await scope.Pairs.Select(p => p.Id).ToListAsync(cancellationToken);
        var moderate = await ModerateAsync(db, query, scope, period, cancellationToken);
        return await FiguresOfAsync(db, core, moderate, pairIds, null, query, period, now, programs, departments, jobLevels, cancellationToken);
    }

    /// <summary>
    /// The figures still queried from their moderate tables (invitations, skills, growth, traits, knowledge sharing):
    /// none of them moves with sessions or feedback, so they are reused across the writes that do.
    /// </summary>
    private sealed record ModerateFigures(
        Dictionary<string, int>? Invited, List<StageAverages> Skills, List<StageAverages> Growth, TraitFigures Traits, KnowledgeFigures Knowledge);

    /// <summary>
    /// The moderate figures as the app works them out: skills, growth and knowledge sharing from the period's rows, read
    /// once for every scope and kept while none is added or changed (<see cref="FigureSources.ModerateKeyOf"/>), the rest by query.
    /// </summary>
    private static async Task<ModerateFigures> ModerateAsync(
        FigureSources sources, FactScope facts, Query query, Scope scope, Period period, CancellationToken cancellationToken)
    {
        async Task<List<LaterRating>> LaterAsync(bool growth) =>
            await sources.ReusedAsync(
                (nameof(LaterRating), growth, period.From, period.To), sources.ModerateKeyOf(null),
                () => LaterRatingsAsync(sources.Db, growth, period, cancellationToken));

        var db = sources.Db;
        var knowledge = await sources.ReusedAsync(
            (nameof(KnowledgeHeld), period.From, period.To), sources.ModerateKeyOf(null), () => KnowledgeHeldAsync(db, period, cancellationToken));
        return new(
            await InvitedAsync(db, scope, query.ProgramId, period, cancellationToken),
            MovedIn(await LaterAsync(growth: false), facts),
            MovedIn(await LaterAsync(growth: true), facts),
            await TraitsAsync(db, query, scope, period, cancellationToken),
            KnowledgeIn(knowledge, facts));
    }

    /// <summary>The moderate figures by queries over their rows: the reference the figures in memory are tested against.</summary>
    private static async Task<ModerateFigures> ModerateAsync(AppDbContext db, Query query, Scope scope, Period period, CancellationToken cancellationToken) =>
        new(
            await InvitedAsync(db, scope, query.ProgramId, period, cancellationToken),
            await SkillsMovedAsync(db, query, scope, period, cancellationToken),
            await GrowthAsync(db, query, scope, period, cancellationToken),
            await TraitsAsync(db, query, scope, period, cancellationToken),
            await KnowledgeAsync(db, query.ProgramId, scope, period, cancellationToken));

    /// <summary>The result from the figures of sessions, ratings, pairs and people, with those of the moderate tables.</summary>
    private static async Task<Result> FiguresOfAsync(
        AppDbContext db, Core core, ModerateFigures moderate, IReadOnlyCollection<int> pairIds, PairHealthCache? health, Query query, Period period, DateTime now,
        IReadOnlyList<Option> programs, IReadOnlyList<string> departments, IReadOnlyList<string> jobLevels, CancellationToken cancellationToken)
    {
        var enrolled = core.Enrolled;
        var staged = core.Staged;
        var matchedMentees = core.MatchedMentees;
        var (waitCount, median) = (core.WaitCount, core.MedianDaysToMatch);
        var (heldByDay, heldByProgram) = (core.HeldByDay, core.HeldByProgram);
        var cadence = core.Cadence;
        var (months, overall, ratedByProgram, smallMonthPrograms) = (core.Months, core.Overall, core.RatedByProgram, core.SmallMonthPrograms);
        var groupSize = core.GroupSize;

        var (invited, skills, growth, traits, knowledge) = (moderate.Invited, moderate.Skills, moderate.Growth, moderate.Traits, moderate.Knowledge);
        var risk = await AtRiskAsync(health, db, pairIds, now, now, cancellationToken);

        FunnelRow Stage(ParticipantRole role)
        {
            var mentor = role == ParticipantRole.Mentor;
            var people = enrolled.Where(e => e.Role == role).ToList();
            return new FunnelRow(
                role,
                invited is null ? null : Shown(invited.GetValueOrDefault(mentor ? Roles.Mentor : Roles.Mentee)),
                Shown(people.Sum(e => e.Enrolled)),
                Shown(people.Sum(e => e.Approved)),
                Shown(staged.Sum(s => mentor ? s.PairedMentors : s.PairedMentees)),
                Shown(staged.Sum(s => mentor ? s.AcceptedMentors : s.AcceptedMentees)),
                Shown(staged.Sum(s => mentor ? s.ActiveMentors : s.ActiveMentees)),
                Shown(staged.Sum(s => mentor ? s.CompletedMentors : s.CompletedMentees)));
        }

        var approvedMentees = enrolled.Where(e => e.Role == ParticipantRole.Mentee).Sum(e => e.Approved);
        var weeks = WeeksOf(period, heldByDay.Select(d => (DateOnly.FromDateTime(d.Day), d.Held)));
        var cadencePairs = cadence.Sum(c => c.Pairs);
        var cadenceMeeting = cadence.Sum(c => c.Meeting);

        var programRows = programs
            .Where(p => query.ProgramId is null || p.Id == query.ProgramId)
            .Select(p =>
            {
                var people = enrolled.Where(e => e.ProgramId == p.Id).ToList();
                var stages = staged.SingleOrDefault(s => s.ProgramId == p.Id);
                var approved = people.Where(e => e.Role == ParticipantRole.Mentee).Sum(e => e.Approved);
                var pace = cadence.SingleOrDefault(c => c.ProgramId == p.Id);
                var ratings = ratedByProgram.GetValueOrDefault(p.Id);
                return new ProgramRow(
                    p.Id,
                    p.Name,
                    Shown(people.Sum(e => e.Enrolled)),
                    Shown(people.Sum(e => e.Approved)),
                    Shown(stages is null ? 0 : stages.AcceptedMentors + stages.AcceptedMentees),
                    Shown(stages?.ActivePairs ?? 0),
                    Shown(heldByProgram.GetValueOrDefault(p.Id)),
                    Measure.Percent(matchedMentees.GetValueOrDefault(p.Id), approved),
                    Shown(pace?.Pairs ?? 0),
                    Shown(pace?.Meeting ?? 0),
                    Measure.Percent(pace?.Meeting ?? 0, pace?.Pairs ?? 0),
                    Rating(ratings?.Average, ratings?.Raters ?? 0, ratings?.Ratings ?? 0, smallMonthPrograms.Contains(p.Id)));
            })
            .Where(r => query.ProgramId is not null || r.Enrolled.Hidden || r.Enrolled.Value > 0)
            .ToList();

        return new Result(
            query,
            period,
            true,
            programs.SingleOrDefault(p => p.Id == query.ProgramId)?.Name,
            [Stage(ParticipantRole.Mentor), Stage(ParticipantRole.Mentee)],
            Measure.Percent(matchedMentees.Values.Sum(), approvedMentees),
            Measure.Over(median, waitCount, "0.#", " days"),
            Shown(staged.Sum(s => s.ActivePairs)),
            weeks,
            Shown(weeks.Sum(w => w.Held.Value)),
            new Adherence(Shown(cadencePairs), Shown(cadenceMeeting), Measure.Percent(cadenceMeeting, cadencePairs)),
            Rating(overall?.Average, overall?.Raters ?? 0, overall?.Ratings ?? 0, months.Any(m => m.Ratings < PeopleCount.SmallestShown)),
            Shown(overall?.Raters ?? 0),
            overall?.Ratings ?? 0,
            months.OrderBy(m => m.Year).ThenBy(m => m.Month)
                .Select(m => new MonthRating(m.Year, m.Month, Rating(m.Average, m.Raters, m.Ratings, smallMonth: false), Shown(m.Raters), m.Ratings))
                .ToList(),
            Moves(skills),
            Moves(growth),
            traits,
            new PairsAtRisk([.. risk.ByFlag.Select(f => new FlagCount(f.Key, Shown(f.Value)))], Shown(risk.Any)),
            programRows,
            programs,
            departments,
            jobLevels)
        {
            GroupSize = groupSize,
            Knowledge = knowledge,
        };
    }

    /// <summary>
    /// Skills moved and growth as HR sees them: exact, however few people rated (HR reads each rating by name anyway);
    /// leadership's view hides them by its own rules (<see cref="LeadershipFigures"/>).
    /// </summary>
    private static List<SkillMove> Moves(IEnumerable<StageAverages> moved) =>
        moved.OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
            .Select(s => new SkillMove(s.Name, Shown(s.People), Exact(s.Before, s.People, s.SmallMidMonth || s.SmallEndMonth), Exact(s.After, s.EndPeople, s.SmallEndMonth))
            {
                Mid = Exact(s.Mid, s.MidPeople, s.SmallMidMonth),
                MidPeople = Shown(s.MidPeople),
                EndPeople = Shown(s.EndPeople),
            })
            .ToList();

    private static Count Shown(int value) => Count.Of(value, exact: true);

    private static Measure Exact(double? average, int people, bool smallMonth) =>
        new Measure(people == 0 ? null : average, false, "0.00") { Basis = people, SmallMonth = smallMonth };

    /// <summary>
    /// An average of ratings: hidden for everyone when fewer than five people gave them; it also records how many
    /// ratings it rests on and whether a month of the period holds only 1 to 4 of them, which leadership's view uses.
    /// </summary>
    private static Measure Rating(double? average, int people, int ratings, bool smallMonth) =>
        Measure.Over(average, people, "0.00") with { Basis = ratings, SmallMonth = smallMonth };
}
