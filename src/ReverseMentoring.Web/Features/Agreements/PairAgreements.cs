using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Agreements;

/// <summary>Where a pair's agreement stands: read by the participant pages, the schedule page and HR's pair page.</summary>
public static class PairAgreements
{
    /// <summary>Whether the current version is signed by both, when, and which version: all HR ever sees of it.</summary>
    public sealed record State(int? Version, DateTime? SignedByBothAtUtc)
    {
        public bool IsSignedByBoth => SignedByBothAtUtc is not null;
    }

    /// <summary>
    /// The person's active pairs whose current agreement they have not signed, pairs without an agreement yet included,
    /// for the participant's home page.
    /// </summary>
    public static async Task<IReadOnlyList<int>> AwaitingMySignatureAsync(AppDbContext db, string userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var pairs = await db.Pairs.AsNoTracking().OfParticipant(userId).Active()
            .Select(p => new { p.Id, MySide = p.MentorEnrolment!.UserId == userId ? ParticipantRole.Mentor : ParticipantRole.Mentee })
            .ToListAsync(ct);
        var agreements = await OfPairsAsync(db, pairs.Select(p => p.Id).ToList(), ct);
        return AwaitingSignature(pairs.Select(p => (p.Id, p.MySide)), agreements);
    }

    /// <summary>The agreements of these pairs with every version and signature, by pair; pairs without one are left out.</summary>
    public static async Task<IReadOnlyDictionary<int, PairAgreement>> OfPairsAsync(AppDbContext db, IReadOnlyList<int> pairIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(pairIds);
        if (pairIds.Count == 0)
        {
            return new Dictionary<int, PairAgreement>();
        }

        var ids = pairIds.ToList();
        return await db.PairAgreements.AsNoTracking().WhereIdIn(a => a.PairId, ids)
            .Include(a => a.Versions).ThenInclude(v => v.Signatures).AsSplitQuery()
            .ToDictionaryAsync(a => a.PairId, ct);
    }

    /// <summary>
    /// Of these active pairs (with the person's side in each), those whose current agreement the person has not signed,
    /// pairs without an agreement yet included.
    /// </summary>
    public static IReadOnlyList<int> AwaitingSignature(IEnumerable<(int PairId, ParticipantRole MySide)> activePairs, IReadOnlyDictionary<int, PairAgreement> agreements)
    {
        ArgumentNullException.ThrowIfNull(agreements);
        return activePairs
            .Where(p => !agreements.TryGetValue(p.PairId, out var agreement) || agreement.Current.Signatures.All(s => s.Side != p.MySide))
            .Select(p => p.PairId).OrderBy(id => id).ToList();
    }

    /// <summary>Where the pair's agreement stands; no access check, so callers decide who may know.</summary>
    public static async Task<State> StateAsync(AppDbContext db, int pairId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var agreement = await LoadAsync(db.PairAgreements.AsNoTracking(), pairId, ct);
        return agreement is null ? new State(null, null) : new State(agreement.Current.Number, agreement.SignedByBothAtUtc);
    }

    /// <summary>The pair's agreement with every version and signature, or null before anyone has acted on it.</summary>
    public static Task<PairAgreement?> LoadAsync(IQueryable<PairAgreement> agreements, int pairId, CancellationToken ct) =>
        agreements.Include(a => a.Versions).ThenInclude(v => v.Signatures).AsSplitQuery().SingleOrDefaultAsync(a => a.PairId == pairId, ct);

    /// <summary>The program's own template, or the built-in wording.</summary>
    public static async Task<AgreementTemplate> TemplateAsync(AppDbContext db, int programId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var own = await db.AgreementTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.ProgramId == programId, ct);
        if (own is not null)
        {
            return own;
        }

        var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == programId, ct) ?? throw new NotFoundException();
        return AgreementTemplate.Default(program);
    }

    /// <summary>
    /// The caller's pair with both enrolments loaded, when it got under way (confirmed, ended or not); anyone else's pair,
    /// or one never confirmed, is not found.
    /// </summary>
    public static async Task<(Pair Pair, ParticipantRole Side)> MyStartedPairAsync(AppDbContext db, int pairId, string userId, bool tracked, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var pairs = tracked ? db.Pairs : db.Pairs.AsNoTracking();
        var pair = await pairs.OfParticipant(userId).Started()
            .Include(p => p.MentorEnrolment!).ThenInclude(e => e.User)
            .Include(p => p.MenteeEnrolment!).ThenInclude(e => e.User)
            .SingleOrDefaultAsync(p => p.Id == pairId, ct) ?? throw new NotFoundException();
        return (pair, pair.SideOf(userId));
    }
}
