using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Dashboard;

/// <summary>
/// Every figure of the uptake dashboard, each worked out by the database with one grouped query; no session or
/// feedback row is loaded. Definitions: docs/dashboard.md (and the footnotes on the page).
/// </summary>
public static class UptakeDashboard
{
    public const int DefaultWeeks = 26;
    public const int LowRating = 3;
    public const int RecentFeedback = 3;
    public const int UnansweredDays = 7;
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
            RuleFor(q => q.To)
                .Must((q, to) => q.From is null || to is null || to >= q.From)
                .WithMessage("The period must end on or after its first day. Change the dates.")
                .Must((q, to) => q.From is null || to is null || to.Value.DayNumber - q.From.Value.DayNumber <= MaxPeriodDays)
                .WithMessage("Choose a period of at most three years.");
        }
    }

    public sealed record Period(DateOnly From, DateOnly To)
    {
        public DateTime StartUtc => From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

        /// <summary>Exclusive: midnight after the last day.</summary>
        public DateTime EndUtc => To.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
    }

    public sealed record FunnelRow(ParticipantRole Role, Count? Invited, Count Enrolled, Count Approved, Count Paired, Count Accepted, Count Active, Count Completed);

    /// <summary>One ISO week (Monday to Sunday) of the period.</summary>
    public sealed record WeekRow(DateOnly Monday, int Held)
    {
        public string IsoWeek => $"{ISOWeek.GetYear(Monday.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(Monday.ToDateTime(TimeOnly.MinValue)):00}";
    }

    public sealed record Adherence(Count Pairs, Count Meeting, Measure Percent);

    public sealed record MonthRating(int Year, int Month, Measure Average, Count Raters, int Ratings)
    {
        public string Label => new DateOnly(Year, Month, 1).ToString("MMM yyyy", CultureInfo.InvariantCulture);
    }

    public sealed record SkillMove(string Skill, Count People, Measure Before, Measure After);

    public sealed record PairsAtRisk(Count NoRecentSession, Count LowRatings, Count UnansweredHaveYouMet, Count Any);

    public sealed record ProgramRow(
        int Id, string Name, Count Enrolled, Count Approved, Count InAcceptedPairs, Count ActivePairs, int SessionsHeld,
        Measure MatchRate, Count CadencePairs, Count CadenceMeeting, Measure CadenceAdherence, Measure AverageRating);

    public sealed record Option(int Id, string Name);

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
        int SessionsHeld,
        Adherence Cadence,
        Measure AverageRating,
        Count Raters,
        int Ratings,
        IReadOnlyList<MonthRating> RatingByMonth,
        IReadOnlyList<SkillMove> Skills,
        PairsAtRisk AtRisk,
        IReadOnlyList<ProgramRow> Programs,
        IReadOnlyList<Option> ProgramOptions,
        IReadOnlyList<string> Departments,
        IReadOnlyList<string> JobLevels);

    /// <summary>The filtered sets every figure starts from.</summary>
    internal sealed record Scope(
        IQueryable<Enrolment> People, IQueryable<Pair> Pairs, IQueryable<Session> Sessions, IQueryable<Feedback> Feedback,
        string? Department, string? JobLevel, bool ByPerson);

    internal static Period PeriodOf(Query query, DateOnly today)
    {
        var to = query.To ?? (query.From is { } from && from.AddDays((DefaultWeeks * 7) - 1) < today ? from.AddDays((DefaultWeeks * 7) - 1) : today);
        var start = query.From ?? to.AddDays(-((DefaultWeeks * 7) - 1));
        return new Period(start, to);
    }

    /// <summary>
    /// People are filtered on their own enrolment; a pair (and its sessions and feedback) counts when either side
    /// matches the department and job level.
    /// </summary>
    internal static Scope ScopeOf(AppDbContext db, int? programId, string? department, string? jobLevel)
    {
        department = string.IsNullOrWhiteSpace(department) ? null : department.Trim();
        jobLevel = string.IsNullOrWhiteSpace(jobLevel) ? null : jobLevel.Trim();
        IQueryable<Enrolment> people = db.Enrolments.AsNoTracking();
        IQueryable<Pair> pairs = db.Pairs.AsNoTracking();
        IQueryable<Session> sessions = db.Sessions.AsNoTracking();
        IQueryable<Feedback> feedback = db.SessionFeedback.AsNoTracking();
        if (programId is { } id)
        {
            people = people.Where(e => e.ProgramId == id);
            pairs = pairs.Where(p => p.ProgramId == id);
            sessions = sessions.Where(s => s.ProgramId == id);
            feedback = feedback.Where(f => f.ProgramId == id);
        }

        if (department is not null)
        {
            people = people.Where(e => e.Department == department);
        }

        if (jobLevel is not null)
        {
            people = people.Where(e => e.JobLevel == jobLevel);
        }

        var byPerson = department is not null || jobLevel is not null;
        if (byPerson)
        {
            var ids = people.Select(e => e.Id);
            pairs = pairs.Where(p => ids.Contains(p.MentorEnrolmentId) || ids.Contains(p.MenteeEnrolmentId));
            var pairIds = pairs.Select(p => p.Id);
            sessions = sessions.Where(s => pairIds.Contains(s.PairId));
            feedback = feedback.Where(f => pairIds.Contains(f.PairId));
        }

        return new Scope(people, pairs, sessions, feedback, department, jobLevel, byPerson);
    }

    /// <summary>The accepted pairs at risk now, with the reasons; HR's report lists them, the dashboard counts them.</summary>
    internal static IQueryable<RiskRow> AtRisk(AppDbContext db, IQueryable<Pair> pairs, DateTime now)
    {
        var today = DateOnly.FromDateTime(now).DayNumber;
        var unansweredBefore = now.AddDays(-UnansweredDays);
        return from p in pairs.Active()
               where p.AcceptedAtUtc != null
               join program in db.Programs on p.ProgramId equals program.Id
               let lastHeld = db.Sessions
                   .Where(s => s.PairId == p.Id && s.Status == SessionStatus.Held && s.StartsAtUtc <= now)
                   .Max(s => (DateTime?)s.StartsAtUtc) ?? p.AcceptedAtUtc
               let recent = db.SessionFeedback
                   .Where(f => f.PairId == p.Id)
                   .OrderByDescending(f => f.CreatedAtUtc).ThenByDescending(f => f.Id)
                   .Take(RecentFeedback)
                   .Average(f => (double?)f.Rating)
               select new RiskRow
               {
                   PairId = p.Id,
                   ProgramId = p.ProgramId,
                   Quiet = today - DateOnly.FromDateTime(lastHeld!.Value).DayNumber > program.SessionCadenceDays,
                   LastHeldUtc = lastHeld,
                   RecentRating = recent,
                   LowRatings = recent != null && recent < LowRating,
                   Unanswered = db.CheckIns.Any(c => c.PairId == p.Id && c.Kind == CheckInKind.HaveYouMet && c.AnsweredAtUtc == null && c.SentAtUtc < unansweredBefore),
               };
    }

    internal sealed class RiskRow
    {
        public int PairId { get; init; }
        public int ProgramId { get; init; }
        public bool Quiet { get; init; }
        public DateTime? LastHeldUtc { get; init; }
        public double? RecentRating { get; init; }
        public bool LowRatings { get; init; }
        public bool Unanswered { get; init; }
    }

    public sealed class Handler(AppDbContext db, CurrentUser user, TimeProvider clock, IMemoryCache cache) : IQueryHandler<Query, Result>
    {
        /// <summary>How long a computed dashboard may be reused while nothing it counts has been added or changed.</summary>
        public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);

        // One computation at a time: requests that miss the cache wait for the one in progress and then reuse its result,
        // rather than all working out the same figures at once.
        private static readonly SemaphoreSlim Computing = new(1, 1);

        // The figures aggregate millions of rows (seconds of database work at 1,000,000 sessions), so a result is reused
        // for the same filters and audience within a five-minute window as long as no audited change (pairs, sessions,
        // enrolments, invitations, programs) and no new feedback, rating or check-in has been written since: the
        // highest ids say so.
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var exact = user.IsInRole(Roles.HrCoordinator);
            var key = (nameof(UptakeDashboard), exact, now.Ticks / CacheFor.Ticks, query.ProgramId, query.Department?.Trim(),
                query.JobLevel?.Trim(), query.From, query.To, await DataVersionAsync(cancellationToken));
            if (cache.TryGetValue(key, out Result? cached) && cached is not null)
            {
                return cached with { Filter = query };
            }

            await Computing.WaitAsync(cancellationToken);
            try
            {
                if (cache.TryGetValue(key, out cached) && cached is not null)
                {
                    return cached with { Filter = query };
                }

                var result = await FiguresAsync(query, now, exact, cancellationToken);
                cache.Set(key, result, CacheFor);
                return result;
            }
            finally
            {
                Computing.Release();
            }
        }

        private async Task<string> DataVersionAsync(CancellationToken cancellationToken) => string.Join(',',
            await db.AuditEntries.MaxAsync(a => (long?)a.Id, cancellationToken),
            await db.SessionFeedback.MaxAsync(f => (int?)f.Id, cancellationToken),
            await db.SkillRatings.MaxAsync(r => (int?)r.Id, cancellationToken),
            await db.CheckIns.MaxAsync(c => (int?)c.Id, cancellationToken),
            await db.CheckInAnswers.MaxAsync(a => (int?)a.Id, cancellationToken));

        private async Task<Result> FiguresAsync(Query query, DateTime now, bool exact, CancellationToken cancellationToken)
        {
            var period = PeriodOf(query, DateOnly.FromDateTime(now));
            var (start, end) = (period.StartUtc, period.EndUtc);
            var scope = ScopeOf(db, query.ProgramId, query.Department, query.JobLevel);
            var (department, jobLevel) = (scope.Department, scope.JobLevel);

            var programs = await db.Programs.AsNoTracking()
                .OrderBy(p => p.Name).Select(p => new Option(p.Id, p.Name)).ToListAsync(cancellationToken);
            var departments = await db.Enrolments.Select(e => e.Department).Where(d => d != "").Distinct().OrderBy(d => d).Take(500).ToListAsync(cancellationToken);
            var jobLevels = await db.Enrolments.Select(e => e.JobLevel).Where(d => d != "").Distinct().OrderBy(d => d).Take(500).ToListAsync(cancellationToken);

            // Enrolled and approved, as they stand at the end of the period.
            var enrolled = await scope.People
                .Where(e => e.CreatedAtUtc < end)
                .GroupBy(e => new { e.ProgramId, e.Role })
                .Select(g => new
                {
                    g.Key.ProgramId,
                    g.Key.Role,
                    Enrolled = g.Count(),
                    Approved = g.Count(e => e.Status == EnrolmentStatus.Approved),
                })
                .ToListAsync(cancellationToken);

            Dictionary<string, int>? invited = null;
            if (!scope.ByPerson)
            {
                var invitations = db.Invitations.AsNoTracking().Where(i => i.ProgramId != null && i.InvitedAtUtc < end);
                if (query.ProgramId is { } programId)
                {
                    invitations = invitations.Where(i => i.ProgramId == programId);
                }

                invited = await invitations.GroupBy(i => i.Role).Select(g => new { Role = g.Key, Count = g.Count() })
                    .ToDictionaryAsync(g => g.Role, g => g.Count, cancellationToken);
            }

            // People (distinct enrolments) at each later stage, counted from the pairs; each side is counted only when
            // that person matches the department and job level.
            var staged = await scope.Pairs
                .Where(p => p.ProposedAtUtc < end)
                .Select(p => new
                {
                    p.ProgramId,
                    p.MentorEnrolmentId,
                    p.MenteeEnrolmentId,
                    MentorIn = (department == null || p.MentorEnrolment!.Department == department) && (jobLevel == null || p.MentorEnrolment!.JobLevel == jobLevel),
                    MenteeIn = (department == null || p.MenteeEnrolment!.Department == department) && (jobLevel == null || p.MenteeEnrolment!.JobLevel == jobLevel),
                    Accepted = EF.Constant(Pair.StartedStatuses).Contains(p.Status) && p.AcceptedAtUtc < end,
                    Active = EF.Constant(Pair.ActiveStatuses).Contains(p.Status) && db.Sessions.Any(s =>
                        s.PairId == p.Id && s.Status == SessionStatus.Held && s.StartsAtUtc >= start && s.StartsAtUtc < end),
                    Completed = p.Status == PairStatus.Ended && p.Ending == PairEnding.Completed && p.EndedAtUtc < end,
                })
                .GroupBy(p => p.ProgramId)
                .Select(g => new
                {
                    ProgramId = g.Key,
                    PairedMentors = g.Where(p => p.MentorIn).Select(p => p.MentorEnrolmentId).Distinct().Count(),
                    PairedMentees = g.Where(p => p.MenteeIn).Select(p => p.MenteeEnrolmentId).Distinct().Count(),
                    AcceptedMentors = g.Where(p => p.MentorIn && p.Accepted).Select(p => p.MentorEnrolmentId).Distinct().Count(),
                    AcceptedMentees = g.Where(p => p.MenteeIn && p.Accepted).Select(p => p.MenteeEnrolmentId).Distinct().Count(),
                    ActiveMentors = g.Where(p => p.MentorIn && p.Active).Select(p => p.MentorEnrolmentId).Distinct().Count(),
                    ActiveMentees = g.Where(p => p.MenteeIn && p.Active).Select(p => p.MenteeEnrolmentId).Distinct().Count(),
                    CompletedMentors = g.Where(p => p.MentorIn && p.Completed).Select(p => p.MentorEnrolmentId).Distinct().Count(),
                    CompletedMentees = g.Where(p => p.MenteeIn && p.Completed).Select(p => p.MenteeEnrolmentId).Distinct().Count(),
                    ActivePairs = g.Count(p => p.Active),
                })
                .ToListAsync(cancellationToken);

            // Match rate: approved mentees (matching the filters themselves) with an accepted or ended pair.
            var started = db.Pairs.Started();
            var matchedMentees = await scope.People
                .Where(e => e.Role == ParticipantRole.Mentee && e.Status == EnrolmentStatus.Approved && e.CreatedAtUtc < end)
                .Where(e => started.Any(p => p.MenteeEnrolmentId == e.Id && p.AcceptedAtUtc < end))
                .GroupBy(e => e.ProgramId)
                .Select(g => new { ProgramId = g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.ProgramId, g => g.Count, cancellationToken);

            // Median days from the mentee's approval to the pair's acceptance: the middle one or two values, found by
            // the database's ORDER BY and OFFSET.
            var waits = scope.Pairs.Started()
                .Where(p => p.AcceptedAtUtc != null && p.AcceptedAtUtc < end
                    && p.MenteeEnrolment!.DecidedAtUtc != null)
                .Select(p => DateOnly.FromDateTime(p.AcceptedAtUtc!.Value).DayNumber - DateOnly.FromDateTime(p.MenteeEnrolment!.DecidedAtUtc!.Value).DayNumber);
            var waitCount = await waits.CountAsync(cancellationToken);
            var middle = waitCount == 0 ? [] : await waits.OrderBy(d => d).Skip((waitCount - 1) / 2).Take(waitCount % 2 == 0 ? 2 : 1).ToListAsync(cancellationToken);
            var median = middle.Count == 0 ? (double?)null : middle.Average();

            var held = scope.Sessions.Where(s => s.Status == SessionStatus.Held && s.StartsAtUtc >= start && s.StartsAtUtc < end);
            var heldByDay = await held.GroupBy(s => s.StartsAtUtc.Date).Select(g => new { Day = g.Key, Held = g.Count() })
                .ToListAsync(cancellationToken);
            var heldByProgram = await held.GroupBy(s => s.ProgramId).Select(g => new { ProgramId = g.Key, Held = g.Count() })
                .ToDictionaryAsync(g => g.ProgramId, g => g.Held, cancellationToken);

            // Cadence: a pair accepted at any time in the period meets it when its held sessions in the period reach
            // the days it was active in the period divided by the program's cadence (rounded down, at least one).
            var (startDay, endDay) = (period.From.DayNumber, period.To.AddDays(1).DayNumber);
            var cadence = await (
                    from p in scope.Pairs.Started()
                    where p.AcceptedAtUtc != null
                        && p.AcceptedAtUtc < end && (p.EndedAtUtc == null || p.EndedAtUtc >= start)
                    join program in db.Programs on p.ProgramId equals program.Id
                    let acceptedDay = DateOnly.FromDateTime(p.AcceptedAtUtc!.Value).DayNumber
                    let endedDay = p.EndedAtUtc == null ? endDay : DateOnly.FromDateTime(p.EndedAtUtc.Value).DayNumber
                    let activeDays = (endedDay < endDay ? endedDay : endDay) - (acceptedDay > startDay ? acceptedDay : startDay)
                    let expected = activeDays / program.SessionCadenceDays
                    let heldInPeriod = db.Sessions.Count(s => s.PairId == p.Id && s.Status == SessionStatus.Held && s.StartsAtUtc >= start && s.StartsAtUtc < end)
                    select new { p.ProgramId, Meets = heldInPeriod >= (expected < 1 ? 1 : expected) })
                .GroupBy(p => p.ProgramId)
                .Select(g => new { ProgramId = g.Key, Pairs = g.Count(), Meeting = g.Count(p => p.Meets) })
                .ToListAsync(cancellationToken);

            var rated = scope.Feedback.Where(f => f.CreatedAtUtc >= start && f.CreatedAtUtc < end);
            var months = await rated
                .GroupBy(f => new { f.CreatedAtUtc.Year, f.CreatedAtUtc.Month })
                .Select(g => new
                {
                    g.Key.Year,
                    g.Key.Month,
                    Average = g.Average(f => (double)f.Rating),
                    Ratings = g.Count(),
                    Raters = g.Select(f => f.ByUserId).Distinct().Count(),
                })
                .ToListAsync(cancellationToken);
            var overall = await rated.GroupBy(f => 1)
                .Select(g => new { Average = g.Average(f => (double)f.Rating), Ratings = g.Count(), Raters = g.Select(f => f.ByUserId).Distinct().Count() })
                .FirstOrDefaultAsync(cancellationToken);
            var ratedByProgram = await rated.GroupBy(f => f.ProgramId)
                .Select(g => new { ProgramId = g.Key, Average = g.Average(f => (double)f.Rating), Raters = g.Select(f => f.ByUserId).Distinct().Count() })
                .ToDictionaryAsync(g => g.ProgramId, cancellationToken);

            // Skills moved: start and end self-ratings of the same person, pair and skill, ended in the period.
            var starts = db.SkillRatings.AsNoTracking().Where(r => r.Stage == SkillRatingStage.Start);
            if (query.ProgramId is { } skillProgram)
            {
                starts = starts.Where(r => r.ProgramId == skillProgram);
            }

            if (scope.ByPerson)
            {
                var ids = scope.People.Select(e => e.Id);
                starts = starts.Where(r => ids.Contains(r.EnrolmentId));
            }

            var skills = await (
                    from before in starts
                    join after in db.SkillRatings on new { before.PairId, before.EnrolmentId, before.SkillId } equals new { after.PairId, after.EnrolmentId, after.SkillId }
                    where after.Stage == SkillRatingStage.End && after.RatedAtUtc >= start && after.RatedAtUtc < end
                    join skill in db.Skills on before.SkillId equals skill.Id
                    group new { Before = before.Level, After = after.Level, before.EnrolmentId } by new { skill.Id, skill.Name } into g
                    select new
                    {
                        g.Key.Name,
                        Before = g.Average(x => (double)x.Before),
                        After = g.Average(x => (double)x.After),
                        People = g.Select(x => x.EnrolmentId).Distinct().Count(),
                    })
                .ToListAsync(cancellationToken);

            var risk = await AtRisk(db, scope.Pairs, now)
                .GroupBy(r => 1)
                .Select(g => new
                {
                    Quiet = g.Count(r => r.Quiet),
                    Low = g.Count(r => r.LowRatings),
                    Unanswered = g.Count(r => r.Unanswered),
                    Any = g.Count(r => r.Quiet || r.LowRatings || r.Unanswered),
                })
                .FirstOrDefaultAsync(cancellationToken);

            Count Shown(int value) => Count.Of(value, exact);

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
                        heldByProgram.GetValueOrDefault(p.Id),
                        Measure.Percent(matchedMentees.GetValueOrDefault(p.Id), approved),
                        Shown(pace?.Pairs ?? 0),
                        Shown(pace?.Meeting ?? 0),
                        Measure.Percent(pace?.Meeting ?? 0, pace?.Pairs ?? 0),
                        Measure.Over(ratings?.Average, ratings?.Raters ?? 0, "0.00"));
                })
                .Where(r => query.ProgramId is not null || r.Enrolled.Hidden || r.Enrolled.Value > 0)
                .ToList();

            return new Result(
                query,
                period,
                exact,
                programs.SingleOrDefault(p => p.Id == query.ProgramId)?.Name,
                [Stage(ParticipantRole.Mentor), Stage(ParticipantRole.Mentee)],
                Measure.Percent(matchedMentees.Values.Sum(), approvedMentees),
                Measure.Over(median, waitCount, "0.#", " days"),
                Shown(staged.Sum(s => s.ActivePairs)),
                weeks,
                weeks.Sum(w => w.Held),
                new Adherence(Shown(cadencePairs), Shown(cadenceMeeting), Measure.Percent(cadenceMeeting, cadencePairs)),
                Measure.Over(overall?.Average, overall?.Raters ?? 0, "0.00"),
                Shown(overall?.Raters ?? 0),
                overall?.Ratings ?? 0,
                months.OrderBy(m => m.Year).ThenBy(m => m.Month)
                    .Select(m => new MonthRating(m.Year, m.Month, Measure.Over(m.Average, m.Raters, "0.00"), Shown(m.Raters), m.Ratings))
                    .ToList(),
                skills.OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
                    .Select(s => new SkillMove(s.Name, Shown(s.People), Measure.Over(s.Before, s.People, "0.00"), Measure.Over(s.After, s.People, "0.00")))
                    .ToList(),
                new PairsAtRisk(Shown(risk?.Quiet ?? 0), Shown(risk?.Low ?? 0), Shown(risk?.Unanswered ?? 0), Shown(risk?.Any ?? 0)),
                programRows,
                programs,
                departments,
                jobLevels);
        }

        /// <summary>Every ISO week that overlaps the period, with the held sessions of its days inside the period.</summary>
        private static List<WeekRow> WeeksOf(Period period, IEnumerable<(DateOnly Day, int Held)> days)
        {
            var byDay = days.GroupBy(d => d.Day).ToDictionary(g => g.Key, g => g.Sum(d => d.Held));
            var weeks = new List<WeekRow>();
            var monday = period.From.AddDays(-(((int)period.From.DayOfWeek + 6) % 7));
            for (; monday <= period.To; monday = monday.AddDays(7))
            {
                var sum = 0;
                for (var day = monday; day < monday.AddDays(7); day = day.AddDays(1))
                {
                    sum += byDay.GetValueOrDefault(day);
                }

                weeks.Add(new WeekRow(monday, sum));
            }

            return weeks;
        }
    }
}
