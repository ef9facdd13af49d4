namespace ReverseMentoring.Web.Domain;

/// <summary>
/// What a pair's charter says: the program's ground rules (confidentiality above all), how often the pair meets, how
/// either side cancels, and what each side wants to learn and to teach. Reverse mentoring runs both ways, so both sides
/// learn and both teach.
/// </summary>
public sealed record AgreementTerms(
    string GroundRules, string Cadence, string Cancelling, string MentorLearns, string MentorTeaches, string MenteeLearns, string MenteeTeaches)
{
    public const int GroundRulesMaxLength = 4000;
    public const int TermMaxLength = 1000;

    /// <summary>What one side may change in a revision: the shared cadence and cancelling, and its own learning and teaching.</summary>
    public AgreementTerms RevisedBy(ParticipantRole side, string cadence, string cancelling, string learns, string teaches) =>
        side == ParticipantRole.Mentor
            ? this with { Cadence = Clean(cadence), Cancelling = Clean(cancelling), MentorLearns = Clean(learns), MentorTeaches = Clean(teaches) }
            : this with { Cadence = Clean(cadence), Cancelling = Clean(cancelling), MenteeLearns = Clean(learns), MenteeTeaches = Clean(teaches) };

    public string LearnsOf(ParticipantRole side) => side == ParticipantRole.Mentor ? MentorLearns : MenteeLearns;

    public string TeachesOf(ParticipantRole side) => side == ParticipantRole.Mentor ? MentorTeaches : MenteeTeaches;

    /// <summary>Refuses a text longer than the charter keeps, so nothing is cut or half-saved.</summary>
    public void Check()
    {
        if (GroundRules.Length > GroundRulesMaxLength)
        {
            throw new DomainRuleException($"The ground rules have at most {GroundRulesMaxLength:N0} characters.");
        }

        if (new[] { Cadence, Cancelling, MentorLearns, MentorTeaches, MenteeLearns, MenteeTeaches }.Any(t => t.Length > TermMaxLength))
        {
            throw new DomainRuleException($"Each part of the agreement has at most {TermMaxLength:N0} characters.");
        }
    }

    private static string Clean(string? text) => (text ?? "").Trim();
}

/// <summary>
/// A pair's charter, agreed at kickoff: every version kept, each signed by both sides. A revision by either side is a
/// new version that both sign again; only the current version can be signed, and by each side once. Its changes go
/// through <see cref="Start"/>, <see cref="Propose"/> and <see cref="Sign"/>, which refuse an illegal move.
/// </summary>
public sealed class PairAgreement : IAudited
{
    public const string NotCurrentMessage = "This is not the current version of the agreement. Read the current version before you sign.";
    public const string SignedAlreadyMessage = "You have signed this version already.";
    public const string NothingChangedMessage = "Your revision changes nothing. Change the text of your part, or sign the current version.";

    public int Id { get; set; }
    public int PairId { get; private set; }
    public int ProgramId { get; private set; }

    /// <summary>Renewed by every proposal and signature, so two people changing the agreement at once cannot both win.</summary>
    public Guid Stamp { get; private set; } = Guid.NewGuid();

    public List<PairAgreementVersion> Versions { get; private set; } = [];

    /// <summary>The version in force: the latest. The versions must be loaded.</summary>
    public PairAgreementVersion Current => Versions.OrderByDescending(v => v.Number).First();

    /// <summary>When the current version got its second signature, or null while a side has not signed it.</summary>
    public DateTime? SignedByBothAtUtc => Current.SignedByBothAtUtc;

    /// <summary>The first version, from the program's template, proposed by whoever first acts on it.</summary>
    public static PairAgreement Start(Pair pair, AgreementTerms terms, string byUserId, ParticipantRole side, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(pair);
        ArgumentNullException.ThrowIfNull(terms);
        RequireActive(pair);
        terms.Check();
        var agreement = new PairAgreement { PairId = pair.Id, ProgramId = pair.ProgramId };
        agreement.Versions.Add(PairAgreementVersion.Of(1, terms, byUserId, side, now));
        return agreement;
    }

    /// <summary>A side proposes a revision of its part; it becomes the current version, unsigned by either side.</summary>
    public PairAgreementVersion Propose(Pair pair, string byUserId, ParticipantRole side, string cadence, string cancelling, string learns, string teaches, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(pair);
        RequireActive(pair);
        var current = Current;
        var terms = current.Terms.RevisedBy(side, cadence, cancelling, learns, teaches);
        if (terms == current.Terms)
        {
            throw new DomainRuleException(NothingChangedMessage);
        }

        terms.Check();
        var version = PairAgreementVersion.Of(current.Number + 1, terms, byUserId, side, now);
        Versions.Add(version);
        Stamp = Guid.NewGuid();
        return version;
    }

    /// <summary>A side signs the version it read, which must be the current one, once.</summary>
    public void Sign(Pair pair, string userId, ParticipantRole side, int versionNumber, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(pair);
        RequireActive(pair);
        var current = Current;
        if (versionNumber != current.Number)
        {
            throw new DomainRuleException(NotCurrentMessage);
        }

        if (current.Signatures.Any(s => s.Side == side))
        {
            throw new DomainRuleException(SignedAlreadyMessage);
        }

        current.Signatures.Add(new AgreementSignature { Side = side, UserId = userId, SignedAtUtc = now });
        Stamp = Guid.NewGuid();
    }

    /// <summary>Erasure: what the person wrote they want to learn and teach goes from every version; the rest stays.</summary>
    public void EraseSide(ParticipantRole side)
    {
        foreach (var version in Versions)
        {
            version.EraseSide(side);
        }
    }

    private static void RequireActive(Pair pair)
    {
        if (!pair.IsActive)
        {
            throw new DomainRuleException("Only a confirmed pair that has not ended can change or sign its agreement.");
        }
    }
}

/// <summary>One version of a pair's agreement: its number and text, who proposed it and when, and who has signed it.</summary>
public sealed class PairAgreementVersion : IAudited
{
    public int Id { get; set; }
    public int AgreementId { get; set; }
    public int Number { get; private set; }

    // The charter is the pair's confidence: the audit log records that it changed, never its words.
    [AuditRedacted]
    public string GroundRules { get; private set; } = "";

    [AuditRedacted]
    public string Cadence { get; private set; } = "";

    [AuditRedacted]
    public string Cancelling { get; private set; } = "";

    [AuditRedacted]
    public string MentorLearns { get; private set; } = "";

    [AuditRedacted]
    public string MentorTeaches { get; private set; } = "";

    [AuditRedacted]
    public string MenteeLearns { get; private set; } = "";

    [AuditRedacted]
    public string MenteeTeaches { get; private set; } = "";

    public string ProposedByUserId { get; private set; } = "";
    public ParticipantRole ProposedBySide { get; private set; }
    public DateTime ProposedAtUtc { get; private set; }
    public List<AgreementSignature> Signatures { get; private set; } = [];

    public AgreementTerms Terms => new(GroundRules, Cadence, Cancelling, MentorLearns, MentorTeaches, MenteeLearns, MenteeTeaches);

    public DateTime? SignedByBothAtUtc =>
        Signatures.Select(s => s.Side).Distinct().Count() == 2 ? Signatures.Max(s => s.SignedAtUtc) : null;

    internal static PairAgreementVersion Of(int number, AgreementTerms terms, string byUserId, ParticipantRole side, DateTime now) => new()
    {
        Number = number,
        GroundRules = terms.GroundRules.Trim(),
        Cadence = terms.Cadence.Trim(),
        Cancelling = terms.Cancelling.Trim(),
        MentorLearns = terms.MentorLearns.Trim(),
        MentorTeaches = terms.MentorTeaches.Trim(),
        MenteeLearns = terms.MenteeLearns.Trim(),
        MenteeTeaches = terms.MenteeTeaches.Trim(),
        ProposedByUserId = byUserId,
        ProposedBySide = side,
        ProposedAtUtc = now,
    };

    internal void EraseSide(ParticipantRole side)
    {
        if (side == ParticipantRole.Mentor)
        {
            MentorLearns = "";
            MentorTeaches = "";
        }
        else
        {
            MenteeLearns = "";
            MenteeTeaches = "";
        }
    }
}

/// <summary>One side's signature on one version of the agreement.</summary>
public sealed class AgreementSignature : IAudited
{
    public int Id { get; set; }
    public int VersionId { get; set; }
    public ParticipantRole Side { get; set; }
    public string UserId { get; set; } = "";
    public DateTime SignedAtUtc { get; set; }
}

/// <summary>
/// HR's wording of a program's agreement: the ground rules every pair of the program signs, and the cadence and
/// cancelling a pair starts from. A program without one uses <see cref="Default"/>.
/// </summary>
public sealed class AgreementTemplate : IAudited
{
    public int ProgramId { get; private set; }
    public string GroundRules { get; private set; } = "";
    public string Cadence { get; private set; } = "";
    public string Cancelling { get; private set; } = "";
    public DateTime UpdatedAtUtc { get; private set; }
    public string? UpdatedByUserId { get; private set; }

    public const string DefaultGroundRules =
        "What we say to each other stays between us. Neither of us repeats it to colleagues, managers or HR without the other's "
        + "agreement; the only exception is a concern about someone's safety or wellbeing, which we raise with HR.\n\n"
        + "We meet as equals. The junior colleague teaches, the senior colleague learns, and both of us learn from each other: "
        + "questions are welcome, nobody is judged for what they do not know yet, and seniority stays outside the room.\n\n"
        + "We come prepared, keep our sessions to time and give each other honest, kind feedback.";

    public const string DefaultCancelling =
        "If one of us cannot make a session, we say so at least 24 hours ahead, through the app, and offer another time in the same week.";

    public static string DefaultCadence(MentoringProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return $"We meet every {program.SessionCadenceDays} days for about {program.SessionMinutes} minutes, {program.ExpectedSessions} sessions in all.";
    }

    /// <summary>The built-in wording for a program that has no template of its own.</summary>
    public static AgreementTemplate Default(MentoringProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return new AgreementTemplate
        {
            ProgramId = program.Id,
            GroundRules = DefaultGroundRules,
            Cadence = DefaultCadence(program),
            Cancelling = DefaultCancelling,
        };
    }

    public static AgreementTemplate For(int programId, string groundRules, string cadence, string cancelling, string byUserId, DateTime now)
    {
        var template = new AgreementTemplate { ProgramId = programId };
        template.Change(groundRules, cadence, cancelling, byUserId, now);
        return template;
    }

    public void Change(string groundRules, string cadence, string cancelling, string byUserId, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(groundRules);
        ArgumentNullException.ThrowIfNull(cadence);
        ArgumentNullException.ThrowIfNull(cancelling);
        if (string.IsNullOrWhiteSpace(groundRules))
        {
            throw new DomainRuleException("Write the ground rules every pair signs.");
        }

        var terms = new AgreementTerms(groundRules, cadence, cancelling, "", "", "", "");
        terms.Check();
        GroundRules = groundRules.Trim();
        Cadence = cadence.Trim();
        Cancelling = cancelling.Trim();
        UpdatedByUserId = byUserId;
        UpdatedAtUtc = now;
    }

    /// <summary>The first version of a pair's agreement: the ground rules, cadence and cancelling; each side's part still to write.</summary>
    public AgreementTerms FirstTerms() => new(GroundRules, Cadence, Cancelling, "", "", "", "");
}
