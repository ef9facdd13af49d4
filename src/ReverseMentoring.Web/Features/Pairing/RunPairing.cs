using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Pairing.Engine;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.Programs;

namespace ReverseMentoring.Web.Features.Pairing;

/// <summary>What a pairing run stored: the engine's proposal, and the first-fit total it is compared with.</summary>
public sealed record StoredRun(
    IReadOnlyList<StoredRun.Pair> Pairs,
    IReadOnlyList<StoredRun.Left> Unmatched,
    IReadOnlyList<string> Warnings,
    long FirstFitTotal,
    int? FirstFitPeople = null,
    int? FirstFitAveragePercent = null,
    IReadOnlyList<int>? Choices = null,
    int? BlockingPairs = null,
    bool Stable = false)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record Pair(int MentorId, int MenteeId, int Score, int Percent, bool Pinned, IReadOnlyList<string> Reasons, int? MentorRank = null, int? MenteeRank = null);

    public sealed record Left(int Id, ParticipantRole Role, UnmatchedReason Reason, string? Detail = null);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static StoredRun FromJson(string json) =>
        string.IsNullOrEmpty(json) ? new StoredRun([], [], [], 0) : JsonSerializer.Deserialize<StoredRun>(json, Json) ?? new StoredRun([], [], [], 0);
}

/// <summary>
/// Proposes pairs for a program from its approved people and HR's pins and bans, and keeps the proposal as a run
/// HR can inspect and publish. Nothing reaches the participants until it is published.
/// </summary>
public static class RunPairing
{
    public const string WrongStatusMessage = "Pairing runs while the program is matching or running.";

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand<int>
    {
        public int ProgramId { get; set; }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == command.ProgramId, cancellationToken)
                ?? throw new NotFoundException();
            if (!CanRun(program))
            {
                throw RequestValidationException.For(command, "", WrongStatusMessage);
            }

            var run = await RunAsync(db, program, current.RequireId(), clock.GetUtcNow().UtcDateTime, cancellationToken);
            return run.Id;
        }
    }

    public static bool CanRun(MentoringProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return program.ArchivedAtUtc is null && program.Status is ProgramStatus.Matching or ProgramStatus.Running;
    }

    /// <summary>Runs the engine over the program as the database has it now and saves the run.</summary>
    public static async Task<PairingRun> RunAsync(AppDbContext db, MentoringProgram program, string userId, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(program);
        var round = await LoadRoundAsync(db, program, cancellationToken);
        var result = PairingEngine.Propose(round);
        var firstFit = PairingEngine.FirstFit(round);
        var stored = new StoredRun(
            result.Pairs.Select(p => new StoredRun.Pair(p.MentorId, p.MenteeId, p.Score, p.Percent, p.Pinned, p.Reasons, p.MentorRank, p.MenteeRank)).ToList(),
            result.Unmatched.Select(u => new StoredRun.Left(u.Id, u.Role, u.Reason, u.Detail)).ToList(),
            result.Warnings,
            firstFit.TotalScore,
            PeopleIn(firstFit.Pairs.Select(p => (p.MentorId, p.MenteeId))),
            firstFit.Pairs.Count == 0 ? 0 : (int)Math.Round(firstFit.Pairs.Average(p => p.Percent)),
            program.Matching.Mode == MatchingMode.PreferenceLed ? result.Choices : null,
            program.Matching.Mode == MatchingMode.PreferenceLed ? result.BlockingPairs : null,
            result.Stable);
        var run = new PairingRun
        {
            ProgramId = program.Id,
            CreatedAtUtc = now,
            CreatedByUserId = userId,
            Objective = program.Matching.Objective,
            PairCount = result.Pairs.Count,
            TotalScore = result.TotalScore,
            Result = stored.ToJson(),
        };
        db.PairingRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return run;
    }

    /// <summary>How many people a set of pairs pairs: a mentor with several mentees counts once.</summary>
    public static int PeopleIn(IEnumerable<(int MentorId, int MenteeId)> pairs) =>
        pairs.SelectMany(p => new[] { (Role: ParticipantRole.Mentor, Id: p.MentorId), (Role: ParticipantRole.Mentee, Id: p.MenteeId) }).Distinct().Count();

    private static readonly char[] KeywordSeparators = [',', ';', ' ', '\t', '\r', '\n'];

    public static IReadOnlyList<string> Keywords(string interests) =>
        (interests ?? "").Split(KeywordSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(k => k.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();

    public static async Task<PairingRound> LoadRoundAsync(AppDbContext db, MentoringProgram program, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(program);
        var programId = program.Id;
        var approved = db.Enrolments.Where(e => e.ProgramId == programId && e.Status == EnrolmentStatus.Approved);
        // In enrolment order: the first-come baseline pairs people in the order they came, the same on every run
        // (without an order, the join with the users' table returns them by user id, which is random).
        var people = await approved.AsNoTracking()
            .OrderBy(e => e.Id)
            .Select(e => new { e.Id, e.Role, Email = e.User!.Email, e.User.DisplayName, e.ManagerEmail, e.Department, e.TimeZoneId, e.Formats, e.Interests })
            .ToListAsync(cancellationToken);
        var skills = (await db.EnrolmentSkills.AsNoTracking()
                .Where(s => approved.Any(e => e.Id == s.EnrolmentId))
                .Select(s => new { s.EnrolmentId, s.SkillId, s.Level, s.Direction })
                .ToListAsync(cancellationToken))
            .ToLookup(s => s.EnrolmentId);
        var slots = (await db.AvailabilitySlots.AsNoTracking()
                .Where(s => approved.Any(e => e.Id == s.EnrolmentId))
                .Select(s => new { s.EnrolmentId, s.Day, s.Starts, s.Ends })
                .ToListAsync(cancellationToken))
            .ToLookup(s => s.EnrolmentId);
        var pairs = await db.Pairs.AsNoTracking()
            .Where(p => p.ProgramId == programId)
            .Select(p => new { p.MentorEnrolmentId, p.MenteeEnrolmentId, p.Status })
            .ToListAsync(cancellationToken);
        var live = pairs.Where(p => Pair.LiveStatuses.Contains(p.Status)).Select(p => new PairKey(p.MentorEnrolmentId, p.MenteeEnrolmentId)).ToList();
        var pairedMentees = live.Select(p => p.MenteeId).ToHashSet();
        var rules = await db.PairingRules.AsNoTracking()
            .Where(r => r.ProgramId == programId)
            .OrderBy(r => r.Id)
            .Select(r => new { r.MentorEnrolmentId, r.MenteeEnrolmentId, r.Kind })
            .ToListAsync(cancellationToken);
        var skillNames = await db.Skills.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);

        // The whole chart, not only the enrolled: a chain runs through managers who never enrol.
        var chart = await db.OrgChart.AsNoTracking()
            .OrderBy(o => o.Id)
            .Select(o => new { o.NormalizedEmail, o.ManagerEmail, o.Department })
            .ToListAsync(cancellationToken);
        var chartDepartment = chart.GroupBy(o => o.NormalizedEmail, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Department, StringComparer.Ordinal);

        var candidates = people
            .Where(p => p.Role == ParticipantRole.Mentor || !pairedMentees.Contains(p.Id))
            .Select(p =>
            {
                var direction = p.Role == ParticipantRole.Mentor ? SkillDirection.Teach : SkillDirection.Learn;
                return new PairingCandidate
                {
                    Id = p.Id,
                    Role = p.Role,
                    Email = p.Email ?? "",
                    Name = p.DisplayName,
                    ManagerEmail = p.ManagerEmail,
                    Department = p.Email is not null && chartDepartment.TryGetValue(OrgChartEntry.Normalize(p.Email), out var department)
                        ? department : p.Department,
                    TimeZoneId = p.TimeZoneId,
                    Formats = p.Formats,
                    Skills = skills[p.Id].Where(s => s.Direction == direction).Select(s => new SkillLevel(s.SkillId, s.Level)).ToList(),
                    Availability = slots[p.Id].Select(s => new WeeklySlot(s.Day, s.Starts, s.Ends)).ToList(),
                    Interests = Keywords(p.Interests),
                };
            })
            .ToList();

        // Ranks count only in a preference-led program; a rank of someone no longer allowed is simply not a pair the
        // engine can choose.
        var ranks = program.Matching.Mode != MatchingMode.PreferenceLed ? [] : await db.PartnerPreferences.AsNoTracking()
            .Where(p => p.ProgramId == programId)
            .Select(p => new PartnerRank(p.EnrolmentId, p.PartnerEnrolmentId, p.Rank))
            .ToListAsync(cancellationToken);
        var roundsWaited = await WaitList.RoundsWaitedAsync(db, programId, cancellationToken);

        return new PairingRound
        {
            Ranks = ranks,
            RoundsWaited = roundsWaited,
            Candidates = candidates,
            Settings = program.Matching,
            MentorCapacity = program.MentorCapacity,
            ProgramFormats = program.Formats,
            Accepted = live,
            Declined = pairs.Where(p => p.Status == PairStatus.Declined).Select(p => new PairKey(p.MentorEnrolmentId, p.MenteeEnrolmentId)).ToList(),
            Pins = rules.Where(r => r.Kind == PairingRuleKind.Pin).Select(r => new PairKey(r.MentorEnrolmentId, r.MenteeEnrolmentId)).ToList(),
            Bans = rules.Where(r => r.Kind == PairingRuleKind.Ban).Select(r => new PairKey(r.MentorEnrolmentId, r.MenteeEnrolmentId)).ToList(),
            AtUtc = program.StartsOn.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc),
            SkillNames = skillNames,
            OrgChart = chart.Select(o => new ChartLine(o.NormalizedEmail, o.ManagerEmail)).ToList(),
        };
    }
}
