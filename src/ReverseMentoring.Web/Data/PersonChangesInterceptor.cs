using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using ReverseMentoring.Web.Features.Dashboard.Facts;

namespace ReverseMentoring.Web.Data;

/// <summary>
/// Finds the people whose participant home a save touches and adds a <see cref="PersonChange"/> for each to the same
/// save, so the rows commit or fail with the change itself: a pair's record touches both sides, a person's name or
/// enrolment their partners too (their cards show it), a program's settings and any record of a kind not listed here
/// everyone. A bulk statement (<c>ExecuteUpdate</c>, <c>ExecuteDelete</c>, raw SQL) that changed rows adds one for
/// everyone, in its transaction, unless it only wrote bookkeeping tables.
/// </summary>
public sealed partial class PersonChangesInterceptor(TimeProvider clock) : SaveChangesInterceptor, IDbCommandInterceptor
{
    /// <summary>Records no participant home reads: writing them touches nobody's home.</summary>
    public static readonly IReadOnlySet<Type> NotOnTheHome = new HashSet<Type>
    {
        typeof(AuditEntry), typeof(OutboxMessage), typeof(DataProtectionKey), typeof(RoleHolderChange),
        typeof(DashboardDay), typeof(DashboardStaleDay), typeof(DashboardVersion), typeof(DashboardLookupChange),
        typeof(DashboardPairChange), typeof(DashboardFactsState),
        typeof(EnrolmentHistory), typeof(SessionMove), typeof(CoordinatorAlert), typeof(PairRiskReport), typeof(MessageReport),
        typeof(CalendarFeed), typeof(ProvisioningToken), typeof(ProvisionedAccount), typeof(OrgChartEntry),
        typeof(KnowledgeSession), typeof(KnowledgeSessionSeat), typeof(GroupMessage), typeof(PairingRun), typeof(PairingRule),
        typeof(Invitation), typeof(ProgramCoordinator), typeof(ProgramEmailTemplate), typeof(AgreementTemplate),
        typeof(CheckInQuestion), typeof(CheckInAnswer), typeof(Skill), typeof(AvailabilitySlot), typeof(Concern),
        typeof(JournalEntry), typeof(LeadershipTraitRating), typeof(SkillCheckpoint), typeof(PersonChange),

        // Roles come from the sign-in cookie on every request, not from the kept home.
        typeof(IdentityRole), typeof(IdentityUserRole<string>), typeof(IdentityUserClaim<string>), typeof(IdentityRoleClaim<string>),
        typeof(IdentityUserLogin<string>), typeof(IdentityUserToken<string>),
    };

    /// <summary>A save naming more records than this touches everyone instead of reading whose they are.</summary>
    public const int MostLookedUp = 500;

    private HashSet<string>? _bookkeepingTables;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is AppDbContext db)
        {
            NoteAsync(db, sync: true, CancellationToken.None).GetAwaiter().GetResult();
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is AppDbContext db)
        {
            await NoteAsync(db, sync: false, cancellationToken);
        }

        return result;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        if (Touches(command, eventData, result) is { } db)
        {
            using var mark = Mark(db, command);
            mark.ExecuteNonQuery();
        }

        return result;
    }

    public async ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Touches(command, eventData, result) is { } db)
        {
            await using var mark = Mark(db, command);
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }

        return result;
    }

    /// <summary>The people a save of these entries touches, and whether it touches everyone.</summary>
    public static async Task<(HashSet<string> People, bool Everyone)> PeopleOfAsync(
        AppDbContext db, IReadOnlyList<EntityEntry> entries, bool sync, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entries);
        var found = new Found();
        foreach (var entry in entries)
        {
            if (NotOnTheHome.Contains(entry.Metadata.ClrType))
            {
                continue;
            }

            switch (entry.Entity)
            {
                case AppUser:
                    found.Users(entry, nameof(AppUser.Id), withPartners: true);
                    break;
                case Enrolment:
                    found.Users(entry, nameof(Enrolment.UserId), withPartners: true);
                    found.Enrolments(entry, nameof(Enrolment.Id), withPartners: true);
                    break;
                case EnrolmentSkill:
                    found.Enrolments(entry, nameof(EnrolmentSkill.EnrolmentId), withPartners: true);
                    break;
                case Pair:
                    found.Enrolments(entry, nameof(Pair.MentorEnrolmentId));
                    found.Enrolments(entry, nameof(Pair.MenteeEnrolmentId));
                    break;
                case MentorRequest:
                    found.Enrolments(entry, nameof(MentorRequest.MentorEnrolmentId));
                    found.Enrolments(entry, nameof(MentorRequest.MenteeEnrolmentId));
                    break;
                case PartnerPreference:
                    found.Enrolments(entry, nameof(PartnerPreference.EnrolmentId));
                    found.Enrolments(entry, nameof(PartnerPreference.PartnerEnrolmentId));
                    break;
                case Session:
                    Found.Ids(found.PairIds, entry, nameof(Session.PairId));
                    Found.Ids(found.GroupIds, entry, nameof(Session.GroupId));
                    break;
                case SessionTopic:
                    Found.Ids(found.SessionIds, entry, nameof(SessionTopic.SessionId));
                    break;
                case GoalProgress:
                    Found.Ids(found.SessionIds, entry, nameof(GoalProgress.SessionId));
                    Found.Ids(found.GoalIds, entry, nameof(GoalProgress.GoalId));
                    break;
                case Feedback:
                    Found.Ids(found.PairIds, entry, nameof(Feedback.PairId));
                    Found.Ids(found.SessionIds, entry, nameof(Feedback.SessionId));
                    break;
                case PairAgreement or PairGoal or PairMessage or PairReadMarker or SkillRating or GrowthRating:
                    Found.Ids(found.PairIds, entry, "PairId");
                    break;
                case PairAgreementVersion:
                    Found.Ids(found.AgreementIds, entry, nameof(PairAgreementVersion.AgreementId));
                    break;
                case AgreementSignature:
                    Found.Ids(found.VersionIds, entry, nameof(AgreementSignature.VersionId));
                    found.Users(entry, nameof(AgreementSignature.UserId));
                    break;
                case CheckIn:
                    found.Users(entry, nameof(CheckIn.UserId));
                    Found.Ids(found.PairIds, entry, nameof(CheckIn.PairId));
                    break;
                case ResourceCompletion:
                    found.Users(entry, nameof(ResourceCompletion.UserId));
                    break;
                case MentoringGroup:
                    Found.Ids(found.GroupIds, entry, nameof(MentoringGroup.Id));
                    found.Enrolments(entry, nameof(MentoringGroup.MentorEnrolmentId));
                    break;
                case MentoringGroupMember:
                    Found.Ids(found.GroupIds, entry, nameof(MentoringGroupMember.GroupId));
                    Found.Ids(found.PairIds, entry, nameof(MentoringGroupMember.PairId));
                    break;
                case SessionAttendance:
                    Found.Ids(found.SessionIds, entry, nameof(SessionAttendance.SessionId));
                    Found.Ids(found.PairIds, entry, nameof(SessionAttendance.PairId));
                    break;
                default:
                    // A program's settings, topics, required training or growth areas, and any kind of record added
                    // later: shown to everyone in a program, or not known to be off the home.
                    return ([], true);
            }
        }

        // A bulk save (HR approving a whole intake) is not looked up person by person: it touches everyone.
        if (found.Count > MostLookedUp)
        {
            return ([], true);
        }

        return (await found.ResolveAsync(db, sync, cancellationToken), false);
    }

    private async Task NoteAsync(AppDbContext db, bool sync, CancellationToken cancellationToken)
    {
        var entries = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        if (entries.Count == 0)
        {
            return;
        }

        var (people, everyone) = await PeopleOfAsync(db, entries, sync, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        db.PersonChanges.AddRange((everyone ? [PersonChange.Everyone] : people).Select(id => new PersonChange { UserId = id, ChangedAtUtc = now }));
    }

    // The context of a bulk statement that changed rows of a table some home reads; migrations (whose tables may not
    // exist yet) and the app's own queries and saves are not.
    private AppDbContext? Touches(DbCommand command, CommandExecutedEventData eventData, int changed)
    {
        if (changed == 0 || eventData.CommandSource is CommandSource.SaveChanges or CommandSource.LinqQuery or CommandSource.Migrations
            || eventData.Context is not AppDbContext db)
        {
            return null;
        }

        _bookkeepingTables ??= NotOnTheHome
            .Select(t => db.Model.FindEntityType(t)?.GetTableName())
            .OfType<string>()
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return WrittenTables().Matches(command.CommandText).Any(m => !_bookkeepingTables.Contains(m.Groups["table"].Value)) ? db : null;
    }

    // A row for everyone, on the statement's connection and in its transaction, in the database's own quoting.
    private DbCommand Mark(AppDbContext db, DbCommand command)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = db.Model.FindEntityType(typeof(PersonChange))!;
        var store = StoreObjectIdentifier.Table(table.GetTableName()!, table.GetSchema());
        string Column(string property) => sql.DelimitIdentifier(table.FindProperty(property)!.GetColumnName(store)!);
        var mark = command.Connection!.CreateCommand();
        mark.Transaction = command.Transaction;
        mark.CommandText = $"INSERT INTO {sql.DelimitIdentifier(store.Name, store.Schema)} ({Column(nameof(PersonChange.UserId))}, {Column(nameof(PersonChange.ChangedAtUtc))}) VALUES (@user, @at)";
        Add(mark, "@user", PersonChange.Everyone);
        Add(mark, "@at", clock.GetUtcNow().UtcDateTime);
        return mark;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    // The table after UPDATE, INSERT/REPLACE INTO or DELETE FROM, quoted or not.
    [GeneratedRegex("""\b(?:UPDATE|INTO|DELETE\s+FROM)\s+["\[`]?(?<table>[A-Za-z_][A-Za-z0-9_]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex WrittenTables();

    /// <summary>The ids a save's entries name, resolved to people in a few reads by key.</summary>
    private sealed class Found
    {
        private readonly HashSet<string> _users = new(StringComparer.Ordinal);
        private readonly HashSet<string> _usersWithPartners = new(StringComparer.Ordinal);
        private readonly HashSet<int> _enrolments = [];
        private readonly HashSet<int> _enrolmentsWithPartners = [];

        public HashSet<int> PairIds { get; } = [];

        public int Count => _users.Count + _enrolments.Count + PairIds.Count + SessionIds.Count + GroupIds.Count + GoalIds.Count + AgreementIds.Count + VersionIds.Count;

        public HashSet<int> SessionIds { get; } = [];

        public HashSet<int> GroupIds { get; } = [];

        public HashSet<int> GoalIds { get; } = [];

        public HashSet<int> AgreementIds { get; } = [];

        public HashSet<int> VersionIds { get; } = [];

        public void Users(EntityEntry entry, string property, bool withPartners = false)
        {
            foreach (var value in Values(entry, property).OfType<string>())
            {
                _users.Add(value);
                if (withPartners)
                {
                    _usersWithPartners.Add(value);
                }
            }
        }

        public void Enrolments(EntityEntry entry, string property, bool withPartners = false)
        {
            foreach (var value in Values(entry, property).OfType<int>())
            {
                _enrolments.Add(value);
                if (withPartners)
                {
                    _enrolmentsWithPartners.Add(value);
                }
            }
        }

        public static void Ids(HashSet<int> into, EntityEntry entry, string property) => into.UnionWith(Values(entry, property).OfType<int>());

        public async Task<HashSet<string>> ResolveAsync(AppDbContext db, bool sync, CancellationToken cancellationToken)
        {
            if (VersionIds.Count > 0)
            {
                var ids = VersionIds.ToList();
                AgreementIds.UnionWith(await ListAsync(db.PairAgreementVersions.AsNoTracking().Where(v => ids.Contains(v.Id)).Select(v => v.AgreementId), sync, cancellationToken));
            }

            if (AgreementIds.Count > 0)
            {
                var ids = AgreementIds.ToList();
                PairIds.UnionWith(await ListAsync(db.PairAgreements.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => a.PairId), sync, cancellationToken));
            }

            if (GoalIds.Count > 0)
            {
                var ids = GoalIds.ToList();
                PairIds.UnionWith(await ListAsync(db.PairGoals.AsNoTracking().Where(g => ids.Contains(g.Id)).Select(g => g.PairId), sync, cancellationToken));
            }

            if (SessionIds.Count > 0)
            {
                var ids = SessionIds.ToList();
                var sessions = await ListAsync(db.Sessions.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => new { s.PairId, s.GroupId }), sync, cancellationToken);
                PairIds.UnionWith(sessions.Where(s => s.PairId is not null).Select(s => s.PairId!.Value));
                GroupIds.UnionWith(sessions.Where(s => s.GroupId is not null).Select(s => s.GroupId!.Value));
            }

            if (GroupIds.Count > 0)
            {
                var ids = GroupIds.ToList();
                _enrolments.UnionWith(await ListAsync(db.MentoringGroups.AsNoTracking().Where(g => ids.Contains(g.Id)).Select(g => g.MentorEnrolmentId), sync, cancellationToken));
                PairIds.UnionWith(await ListAsync(db.MentoringGroupMembers.AsNoTracking().Where(m => ids.Contains(m.GroupId)).Select(m => m.PairId), sync, cancellationToken));
            }

            if (_usersWithPartners.Count > 0)
            {
                var users = _usersWithPartners.ToList();
                _enrolmentsWithPartners.UnionWith(await ListAsync(db.Enrolments.AsNoTracking().Where(e => users.Contains(e.UserId)).Select(e => e.Id), sync, cancellationToken));
            }

            if (_enrolmentsWithPartners.Count > 0)
            {
                // Whoever shares a pair or a mentor request with them sees their name, department or goals.
                var ids = _enrolmentsWithPartners.ToList();
                var pairs = await ListAsync(db.Pairs.AsNoTracking()
                    .Where(p => ids.Contains(p.MentorEnrolmentId) || ids.Contains(p.MenteeEnrolmentId))
                    .Select(p => new { p.MentorEnrolmentId, p.MenteeEnrolmentId }), sync, cancellationToken);
                var requests = await ListAsync(db.MentorRequests.AsNoTracking()
                    .Where(r => ids.Contains(r.MentorEnrolmentId) || ids.Contains(r.MenteeEnrolmentId))
                    .Select(r => new { r.MentorEnrolmentId, r.MenteeEnrolmentId }), sync, cancellationToken);
                _enrolments.UnionWith(pairs.SelectMany(p => new[] { p.MentorEnrolmentId, p.MenteeEnrolmentId }));
                _enrolments.UnionWith(requests.SelectMany(r => new[] { r.MentorEnrolmentId, r.MenteeEnrolmentId }));
            }

            if (PairIds.Count > 0)
            {
                var ids = PairIds.ToList();
                var pairs = await ListAsync(db.Pairs.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.MentorEnrolmentId, p.MenteeEnrolmentId }), sync, cancellationToken);
                _enrolments.UnionWith(pairs.SelectMany(p => new[] { p.MentorEnrolmentId, p.MenteeEnrolmentId }));
            }

            if (_enrolments.Count > 0)
            {
                var ids = _enrolments.ToList();
                _users.UnionWith(await ListAsync(db.Enrolments.AsNoTracking().Where(e => ids.Contains(e.Id)).Select(e => e.UserId), sync, cancellationToken));
            }

            return _users;
        }

        // The value before and after the change; a key the database has not given yet names a record of this same save,
        // whose own entry brings its people.
        private static IEnumerable<object?> Values(EntityEntry entry, string property)
        {
            var value = entry.Property(property);
            if (entry.State != EntityState.Deleted && !value.IsTemporary)
            {
                yield return value.CurrentValue;
            }

            if (entry.State != EntityState.Added)
            {
                yield return value.OriginalValue;
            }
        }

        private static async Task<List<T>> ListAsync<T>(IQueryable<T> query, bool sync, CancellationToken cancellationToken) =>
            sync ? query.ToList() : await query.ToListAsync(cancellationToken);
    }
}
