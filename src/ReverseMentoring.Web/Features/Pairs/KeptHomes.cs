using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Web.Features.Pairs;

/// <summary>
/// Participant homes kept per person in this instance and reused while their change stamp is the same
/// (<see cref="PersonChanges"/>) and for at most <see cref="KeptFor"/>, which bounds how late a change brought by time
/// alone shows (a session that has just ended asking to be logged). ADR 0028.
/// </summary>
public sealed class KeptHomes : IDisposable
{
    /// <summary>At most this many people's homes are kept; beyond it the least recently kept go first.</summary>
    public const int MostKept = 10_000;

    public const string Section = "ParticipantHome";

    private static readonly JsonSerializerOptions Compared = new() { WriteIndented = false };

    private readonly MemoryCache _kept = new(new MemoryCacheOptions { SizeLimit = MostKept });
    private long _reused;

    public KeptHomes(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        KeptFor = TimeSpan.FromSeconds(Math.Max(0, configuration.GetValue($"{Section}:KeptForSeconds", 30)));
        CheckEachReuse = configuration.GetValue($"{Section}:CheckEachReuse", false);
    }

    /// <summary>How long a home is reused at most; zero keeps none.</summary>
    public TimeSpan KeptFor { get; }

    /// <summary>Reads the home again on every reuse and fails the request if the kept one differs (the tests run so).</summary>
    public bool CheckEachReuse { get; }

    /// <summary>How many views were answered from a kept home since the start.</summary>
    public long Reused => Interlocked.Read(ref _reused);

    private bool Keeping => KeptFor > TimeSpan.Zero;

    /// <summary>The person's kept home, if it was read at the stamp they have now and is young enough.</summary>
    public Kept? Find(string userId, PersonStamp stamp, DateTime nowUtc)
    {
        if (!Keeping || !_kept.TryGetValue(userId, out Kept? kept) || kept is null)
        {
            return null;
        }

        var age = nowUtc - kept.TakenAtUtc;
        if (age < TimeSpan.Zero || age >= KeptFor || kept.Stamp != stamp)
        {
            return null;
        }

        Interlocked.Increment(ref _reused);
        return kept;
    }

    public void Keep(string userId, PersonStamp stamp, DateTime takenAtUtc, MyMentoring.Result home)
    {
        if (Keeping)
        {
            _kept.Set(userId, new Kept(stamp, takenAtUtc, home), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = KeptFor });
        }
    }

    /// <summary>Fails when a kept home differs from one read afresh as at the same time.</summary>
    public static void Check(string userId, MyMentoring.Result kept, MyMentoring.Result fresh)
    {
        var before = JsonSerializer.Serialize(kept, Compared);
        var now = JsonSerializer.Serialize(fresh, Compared);
        if (before != now)
        {
            throw new InvalidOperationException($"The kept participant home of {userId} differs from a fresh read.\nKept:  {before}\nFresh: {now}");
        }
    }

    public void Dispose() => _kept.Dispose();

    public sealed record Kept(PersonStamp Stamp, DateTime TakenAtUtc, MyMentoring.Result Home);
}
