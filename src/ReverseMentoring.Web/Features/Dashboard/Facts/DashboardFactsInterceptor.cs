using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Web.Features.Dashboard.Facts;

/// <summary>
/// Adds to every save what the dashboard needs to stay exact: a stale-day marker for each program-day whose sessions,
/// ratings or group attendance change, a lookup change for each program whose pairs, enrolments, groups, invitations or
/// settings change, and a pair change for each pair whose health facts may move. They are tracked rows of the same
/// save, so they commit or fail with the change itself, whichever handler or job made it.
/// </summary>
public sealed class DashboardFactsInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly HashSet<string> SessionColumns =
    [
        nameof(Session.StartsAtUtc), nameof(Session.Status), nameof(Session.HeldMinutes), nameof(Session.DurationMinutes),
        nameof(Session.PairId), nameof(Session.GroupId), nameof(Session.ProgramId),
    ];

    private static readonly HashSet<string> FeedbackColumns =
    [
        nameof(Feedback.Rating), nameof(Feedback.Role), nameof(Feedback.PairId), nameof(Feedback.CreatedAtUtc), nameof(Feedback.ProgramId),
    ];

    // Only the columns the dashboard reads: logging a session or rating one never touches these, so it never reloads lookups.
    private static readonly HashSet<string> PairColumns =
    [
        nameof(Pair.Status), nameof(Pair.Ending), nameof(Pair.ProposedAtUtc), nameof(Pair.AcceptedAtUtc), nameof(Pair.EndedAtUtc),
        nameof(Pair.MentorEnrolmentId), nameof(Pair.MenteeEnrolmentId), nameof(Pair.ProgramId),
    ];

    private static readonly HashSet<string> EnrolmentColumns =
    [
        nameof(Enrolment.Status), nameof(Enrolment.Role), nameof(Enrolment.Department), nameof(Enrolment.JobLevel),
        nameof(Enrolment.UserId), nameof(Enrolment.CreatedAtUtc), nameof(Enrolment.DecidedAtUtc), nameof(Enrolment.ProgramId),
    ];

    private static readonly HashSet<string> ProgramColumns = [nameof(MentoringProgram.Name), nameof(MentoringProgram.SessionCadenceDays)];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is AppDbContext db)
        {
            MarkAsync(db, sync: true, CancellationToken.None).GetAwaiter().GetResult();
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is AppDbContext db)
        {
            await MarkAsync(db, sync: false, cancellationToken);
        }

        return result;
    }

    private async Task MarkAsync(AppDbContext db, bool sync, CancellationToken cancellationToken)
    {
        var entries = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        if (entries.Count == 0)
        {
            return;
        }

        // Entries() above detected this save's changes. The marks below ask the tracker again for rows of each change (the
        // session of an attendance, the group of a member), through an index built once per save (Marks.Tracked); with
        // detection on, each ask would detect over every tracked row again. Nothing below sets a tracked row's property
        // other than through its entry, which needs no detection.
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var marks = new Marks(db, clock.GetUtcNow().UtcDateTime, sync);
            foreach (var entry in entries)
            {
                switch (entry.Entity)
                {
                    case Session:
                        await marks.SessionAsync(entry, cancellationToken);
                        break;
                    case Feedback when Changed(entry, FeedbackColumns):
                        marks.Day(Original<int>(entry, nameof(Feedback.ProgramId)), Original<DateTime>(entry, nameof(Feedback.CreatedAtUtc)));
                        marks.Day(Current<int>(entry, nameof(Feedback.ProgramId)), Current<DateTime>(entry, nameof(Feedback.CreatedAtUtc)));
                        marks.PairOf(entry, nameof(Feedback.ProgramId), nameof(Feedback.PairId));
                        break;
                    case Feedback:
                        marks.PairOf(entry, nameof(Feedback.ProgramId), nameof(Feedback.PairId));
                        break;
                    case SessionAttendance:
                        await marks.AttendanceAsync(entry, cancellationToken);
                        break;
                    case MentoringGroupMember:
                        await marks.MemberAsync(entry, cancellationToken);
                        break;
                    case MentoringGroup:
                        marks.LookupsOf(entry, nameof(MentoringGroup.ProgramId));
                        break;
                    case Pair when entry.State != EntityState.Modified || Changed(entry, PairColumns):
                        marks.LookupsOf(entry, nameof(Pair.ProgramId));
                        marks.PairOf(entry, nameof(Pair.ProgramId), nameof(Pair.Id));
                        break;
                    case Pair:
                        marks.PairOf(entry, nameof(Pair.ProgramId), nameof(Pair.Id));
                        break;
                    case Enrolment when entry.State != EntityState.Modified || Changed(entry, EnrolmentColumns):
                        marks.LookupsOf(entry, nameof(Enrolment.ProgramId));
                        break;
                    case Invitation:
                        marks.LookupsOf(entry, nameof(Invitation.ProgramId));
                        break;
                    case MentoringProgram when entry.State == EntityState.Added || Changed(entry, ProgramColumns):
                        marks.Lookups(Current<int>(entry, nameof(MentoringProgram.Id)));
                        break;
                    // The moderate tables' figures are reused while their highest ids stand (UptakeDashboard.FigureSources),
                    // which an edit or a removal does not move: a changed baseline, attendance recorded, a session rated.
                    case SkillRating or GrowthRating or LeadershipTraitRating or KnowledgeSession when entry.State != EntityState.Added:
                        marks.LookupsOf(entry, nameof(SkillRating.ProgramId));
                        break;
                    case CheckIn:
                    case Concern:
                        marks.PairOf(entry, nameof(CheckIn.ProgramId), nameof(CheckIn.PairId));
                        break;
                    case CheckInAnswer:
                        await marks.AnswerAsync(entry, cancellationToken);
                        break;
                }
            }

            marks.AddTo(db);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    internal static bool Changed(EntityEntry entry, HashSet<string> columns) =>
        entry.State != EntityState.Modified
        || entry.Properties.Any(p => columns.Contains(p.Metadata.Name) && p.IsModified && !Equals(p.OriginalValue, p.CurrentValue));

    /// <summary>The value before this save; none for a record it adds.</summary>
    internal static T? Original<T>(EntityEntry entry, string property) where T : struct =>
        entry.State == EntityState.Added ? null : (T?)entry.Property(property).OriginalValue;

    /// <summary>The value after this save; none for a record it deletes.</summary>
    internal static T? Current<T>(EntityEntry entry, string property) where T : struct =>
        entry.State == EntityState.Deleted ? null : (T?)entry.Property(property).CurrentValue;

    /// <summary>What one save marks; lookups of rows the save does not track go to the database, in the save's own way.</summary>
    private sealed class Marks(AppDbContext db, DateTime now, bool sync)
    {
        private readonly HashSet<(int ProgramId, DateOnly Day)> _days = [];
        private readonly HashSet<int> _lookups = [];
        private readonly HashSet<(int ProgramId, int PairId)> _pairs = [];
        private readonly Dictionary<(Type Type, string Property), object> _tracked = [];

        /// <summary>
        /// The tracked records of a type by the current value of one of their keys, indexed once per save: looking each
        /// changed row's session, check-in or group up by a pass over every tracked record made a large save quadratic.
        /// Nothing is tracked or detected while the save is marked, so the index stays true for the whole of it.
        /// </summary>
        private ILookup<int, EntityEntry<T>> Tracked<T>(string property)
            where T : class
        {
            if (_tracked.TryGetValue((typeof(T), property), out var index))
            {
                return (ILookup<int, EntityEntry<T>>)index;
            }

            var built = db.ChangeTracker.Entries<T>().Where(e => e.Property(property).CurrentValue is int)
                .ToLookup(e => (int)e.Property(property).CurrentValue!);
            _tracked[(typeof(T), property)] = built;
            return built;
        }

        public void Day(int? programId, DateTime? atUtc)
        {
            if (programId is { } id && atUtc is { } at)
            {
                _days.Add((id, DateOnly.FromDateTime(at)));
            }
        }

        public void Lookups(int? programId)
        {
            if (programId is { } id)
            {
                _lookups.Add(id);
            }
        }

        /// <summary>The program of a record whose change moves its program's lookups, before and after the save.</summary>
        public void LookupsOf(EntityEntry entry, string programProperty)
        {
            Lookups(Original<int>(entry, programProperty));
            Lookups(Current<int>(entry, programProperty));
        }

        public void PairChange(int? programId, int? pairId)
        {
            if (programId is { } program && pairId is { } pair)
            {
                _pairs.Add((program, pair));
            }
        }

        /// <summary>The pair of a record that has one, before and after the save.</summary>
        public void PairOf(EntityEntry entry, string programProperty, string pairProperty)
        {
            PairChange(Original<int>(entry, programProperty), Original<int>(entry, pairProperty));
            PairChange(Current<int>(entry, programProperty), Current<int>(entry, pairProperty));
        }

        public async Task SessionAsync(EntityEntry entry, CancellationToken cancellationToken)
        {
            if (Changed(entry, SessionColumns))
            {
                Day(Original<int>(entry, nameof(Session.ProgramId)), Original<DateTime>(entry, nameof(Session.StartsAtUtc)));
                Day(Current<int>(entry, nameof(Session.ProgramId)), Current<DateTime>(entry, nameof(Session.StartsAtUtc)));
            }

            // Any change of a session (its notes, its log) may move its pairs' health: a group session's are its members'.
            foreach (var (program, pair, group) in new[]
            {
                (Original<int>(entry, nameof(Session.ProgramId)), Original<int>(entry, nameof(Session.PairId)), Original<int>(entry, nameof(Session.GroupId))),
                (Current<int>(entry, nameof(Session.ProgramId)), Current<int>(entry, nameof(Session.PairId)), Current<int>(entry, nameof(Session.GroupId))),
            })
            {
                PairChange(program, pair);
                if (group is { } groupId && program is not null)
                {
                    foreach (var member in await MemberPairsAsync(groupId, cancellationToken))
                    {
                        PairChange(program, member);
                    }
                }
            }
        }

        public async Task AttendanceAsync(EntityEntry entry, CancellationToken cancellationToken)
        {
            foreach (var sessionId in new[] { Original<int>(entry, nameof(SessionAttendance.SessionId)), Current<int>(entry, nameof(SessionAttendance.SessionId)) })
            {
                if (sessionId is not { } id)
                {
                    continue;
                }

                var tracked = Tracked<Session>(nameof(Session.Id))[id].FirstOrDefault();
                if (tracked is not null)
                {
                    if (tracked.State != EntityState.Added)
                    {
                        Day(tracked.Property(s => s.ProgramId).OriginalValue, tracked.Property(s => s.StartsAtUtc).OriginalValue);
                    }

                    Day(tracked.Property(s => s.ProgramId).CurrentValue, tracked.Entity.StartsAtUtc);
                    PairChange(tracked.Property(s => s.ProgramId).CurrentValue, Original<int>(entry, nameof(SessionAttendance.PairId)));
                    PairChange(tracked.Property(s => s.ProgramId).CurrentValue, Current<int>(entry, nameof(SessionAttendance.PairId)));
                    continue;
                }

                var query = db.Sessions.AsNoTracking().Where(s => s.Id == id).Select(s => new { s.ProgramId, s.StartsAtUtc });
                var stored = sync ? query.FirstOrDefault() : await query.FirstOrDefaultAsync(cancellationToken);
                if (stored is not null)
                {
                    Day(stored.ProgramId, stored.StartsAtUtc);
                    PairChange(stored.ProgramId, Original<int>(entry, nameof(SessionAttendance.PairId)));
                    PairChange(stored.ProgramId, Current<int>(entry, nameof(SessionAttendance.PairId)));
                }
            }
        }

        /// <summary>A member joining or leaving a group changes every day of the group's sessions (their member pairs).</summary>
        public async Task MemberAsync(EntityEntry entry, CancellationToken cancellationToken)
        {
            if (entry.State == EntityState.Modified
                && !Changed(entry, [nameof(MentoringGroupMember.GroupId), nameof(MentoringGroupMember.PairId)]))
            {
                return;
            }

            foreach (var (groupId, pairId) in new[]
            {
                (Original<int>(entry, nameof(MentoringGroupMember.GroupId)), Original<int>(entry, nameof(MentoringGroupMember.PairId))),
                (Current<int>(entry, nameof(MentoringGroupMember.GroupId)), Current<int>(entry, nameof(MentoringGroupMember.PairId))),
            })
            {
                if (groupId is not { } group)
                {
                    continue;
                }

                var program = await ProgramOfGroupAsync(group, cancellationToken);
                Lookups(program);
                PairChange(program, pairId);
                foreach (var session in Tracked<Session>(nameof(Session.GroupId))[group])
                {
                    Day(session.Property(s => s.ProgramId).CurrentValue, session.Property(s => s.StartsAtUtc).CurrentValue);
                }

                if (!IsTemporary(group))
                {
                    var query = db.Sessions.AsNoTracking().Where(s => s.GroupId == group)
                        .Select(s => new { s.ProgramId, s.StartsAtUtc.Date }).Distinct();
                    foreach (var day in sync ? query.ToList() : await query.ToListAsync(cancellationToken))
                    {
                        Day(day.ProgramId, day.Date);
                    }
                }
            }
        }

        public async Task AnswerAsync(EntityEntry entry, CancellationToken cancellationToken)
        {
            var checkInId = Current<int>(entry, nameof(CheckInAnswer.CheckInId)) ?? Original<int>(entry, nameof(CheckInAnswer.CheckInId));
            if (checkInId is not { } id)
            {
                return;
            }

            var tracked = Tracked<CheckIn>(nameof(CheckIn.Id))[id].FirstOrDefault();
            if (tracked is not null)
            {
                PairChange(tracked.Property(c => c.ProgramId).CurrentValue, tracked.Property(c => c.PairId).CurrentValue);
                return;
            }

            var query = db.CheckIns.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.ProgramId, c.PairId });
            var stored = sync ? query.FirstOrDefault() : await query.FirstOrDefaultAsync(cancellationToken);
            if (stored is not null)
            {
                PairChange(stored.ProgramId, stored.PairId);
            }
        }

        private async Task<int?> ProgramOfGroupAsync(int groupId, CancellationToken cancellationToken)
        {
            var tracked = Tracked<MentoringGroup>(nameof(MentoringGroup.Id))[groupId].FirstOrDefault();
            if (tracked is not null)
            {
                return tracked.Property(g => g.ProgramId).CurrentValue;
            }

            var query = db.MentoringGroups.AsNoTracking().Where(g => g.Id == groupId).Select(g => (int?)g.ProgramId);
            return sync ? query.FirstOrDefault() : await query.FirstOrDefaultAsync(cancellationToken);
        }

        private async Task<List<int>> MemberPairsAsync(int groupId, CancellationToken cancellationToken)
        {
            var pairs = Tracked<MentoringGroupMember>(nameof(MentoringGroupMember.GroupId))[groupId]
                .Select(m => m.Property(x => x.PairId).CurrentValue)
                .ToList();
            if (!IsTemporary(groupId))
            {
                var query = db.MentoringGroupMembers.AsNoTracking().Where(m => m.GroupId == groupId).Select(m => m.PairId);
                pairs.AddRange(sync ? query.ToList() : await query.ToListAsync(cancellationToken));
            }

            return pairs;
        }

        /// <summary>A key EF Core made up for a record this save adds: not in the database yet.</summary>
        private static bool IsTemporary(int key) => key < 0;

        /// <summary>
        /// Adds the rows. Their program and pair ids are keys of those records, so one saved in the same change gets its
        /// real id too. None is added for a program or pair this save deletes: its facts and changes go with it.
        /// </summary>
        public void AddTo(AppDbContext context)
        {
            var deletedPrograms = DeletedKeys<MentoringProgram>(context);
            var deletedPairs = DeletedKeys<Pair>(context);
            var newPrograms = context.ChangeTracker.Entries<MentoringProgram>().Where(p => p.State == EntityState.Added)
                .Select(p => p.Property(x => x.Id).CurrentValue).ToHashSet();
            foreach (var (programId, day) in _days.Where(d => !deletedPrograms.Contains(d.ProgramId)))
            {
                context.Add(new DashboardStaleDay { Day = day }).Property(m => m.ProgramId).CurrentValue = programId;
            }

            foreach (var programId in _lookups.Where(p => !deletedPrograms.Contains(p)))
            {
                context.Add(new DashboardLookupChange()).Property(c => c.ProgramId).CurrentValue = programId;
            }

            // A pair of a program created in the same save has no history to watch yet; its program is new to every reader.
            foreach (var (programId, pairId) in _pairs.Where(p => !deletedPairs.Contains(p.PairId) && !newPrograms.Contains(p.ProgramId)))
            {
                context.Add(new DashboardPairChange { ProgramId = programId, ChangedAtUtc = now }).Property(c => c.PairId).CurrentValue = pairId;
            }
        }

        private static HashSet<int> DeletedKeys<T>(AppDbContext context) where T : class =>
            context.ChangeTracker.Entries<T>().Where(e => e.State == EntityState.Deleted)
                .Select(e => (int)e.Property("Id").OriginalValue!).ToHashSet();
    }
}
