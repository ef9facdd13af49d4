namespace ReverseMentoring.Web.Domain;

public enum CheckInQuestionKind
{
    /// <summary>Answered 1 (poor) to 5 (excellent).</summary>
    Rating = 0,
    YesNo = 1,
    Text = 2,
}

/// <summary>Which of a program's surveys a question belongs to.</summary>
public enum CheckInSurvey
{
    /// <summary>Asked at the pair's milestones (every one, or only the one day the question names).</summary>
    Milestone = 0,

    /// <summary>Asked once, when the pair has ended.</summary>
    EndOfPair = 1,

    /// <summary>"Have you used what you learned?": asked once, some days after the pair ended.</summary>
    Applied = 2,
}

/// <summary>A question HR asks every participant of a program in one of its surveys.</summary>
public sealed class CheckInQuestion : IAudited
{
    public const int TextMaxLength = 300;
    public const int MaxMilestoneDay = 3650;

    public int Id { get; set; }
    public int ProgramId { get; set; }
    public string Text { get; set; } = "";
    public CheckInQuestionKind Kind { get; set; }
    public int SortOrder { get; set; }

    public CheckInSurvey Survey { get; private set; } = CheckInSurvey.Milestone;

    /// <summary>For a milestone question, the one milestone day it is asked at; null asks it at every milestone.</summary>
    public int? MilestoneDay { get; private set; }

    public const string SurveyFixedMessage =
        "People have answered this question already, so it stays in its survey. Retire it and add a new question instead.";

    /// <summary>
    /// Puts the question in a survey, at one milestone day or at every one. Once answered it stays in its survey, so its
    /// answers keep meaning what was asked; the day may still change, as it only decides when it is asked next.
    /// </summary>
    public void AskIn(CheckInSurvey survey, int? milestoneDay, bool hasAnswers)
    {
        if (!Enum.IsDefined(survey))
        {
            throw new DomainRuleException("Choose the survey the question belongs to.");
        }

        if (milestoneDay is not null && (survey != CheckInSurvey.Milestone || milestoneDay < 1 || milestoneDay > MaxMilestoneDay))
        {
            throw new DomainRuleException($"Only a milestone question is asked on one day, from day 1 to day {MaxMilestoneDay}.");
        }

        if (survey != Survey && hasAnswers)
        {
            throw new DomainRuleException(SurveyFixedMessage);
        }

        Survey = survey;
        MilestoneDay = milestoneDay;
    }

    /// <summary>Whether the question is asked in a check-in of this kind on this day.</summary>
    public static System.Linq.Expressions.Expression<Func<CheckInQuestion, bool>> AskedIn(CheckInKind kind, int dayNumber) => kind switch
    {
        CheckInKind.Milestone => q => q.Survey == CheckInSurvey.Milestone && (q.MilestoneDay == null || q.MilestoneDay == dayNumber),
        CheckInKind.EndOfPair => q => q.Survey == CheckInSurvey.EndOfPair,
        CheckInKind.Applied => q => q.Survey == CheckInSurvey.Applied,
        _ => q => false,
    };

    /// <summary>The end-of-pair and "applied?" questions every new program starts with; HR rewords or retires them.</summary>
    public static IReadOnlyList<CheckInQuestion> StarterSurveysFor(int programId) =>
    [
        new() { ProgramId = programId, Text = "How useful was the mentoring overall?", Kind = CheckInQuestionKind.Rating, SortOrder = 1, Survey = CheckInSurvey.EndOfPair },
        new() { ProgramId = programId, Text = "What will you do differently now?", Kind = CheckInQuestionKind.Text, SortOrder = 2, Survey = CheckInSurvey.EndOfPair },
        new()
        {
            ProgramId = programId, Text = "Which of the skills you learned have you used at work since? Give an example.", Kind = CheckInQuestionKind.Text,
            SortOrder = 1, Survey = CheckInSurvey.Applied,
        },
    ];

    /// <summary>Retired questions are no longer asked; answers already given keep them.</summary>
    public DateTime? RetiredAtUtc { get; set; }

    /// <summary>
    /// HR sees this question's answers only in aggregate, never with the pair, the side or the day, and the form tells
    /// participants so. Once answered under that promise, the question cannot be made named again.
    /// </summary>
    public bool AnonymousToHr { get; private set; }

    public const string StaysAnonymousMessage =
        "People answered this question on the promise that HR sees their answers only in aggregate, so it stays anonymous. Retire it and add a named question instead.";

    /// <summary>Makes the question anonymous to HR or named; named again only while nobody has answered it.</summary>
    public void SetAnonymousToHr(bool anonymous, bool hasAnswers)
    {
        if (AnonymousToHr && !anonymous && hasAnswers)
        {
            throw new DomainRuleException(StaysAnonymousMessage);
        }

        AnonymousToHr = anonymous;
    }

    /// <summary>The same question for another program; a retired one is not copied (see the caller).</summary>
    public CheckInQuestion CopyFor(int programId) =>
        new()
        {
            ProgramId = programId, Text = Text, Kind = Kind, SortOrder = SortOrder, AnonymousToHr = AnonymousToHr, Survey = Survey, MilestoneDay = MilestoneDay,
        };
}

public enum CheckInKind
{
    /// <summary>HR's survey, sent at a milestone of the pair (by default day 30, then every 60 days).</summary>
    Milestone = 0,

    /// <summary>"Have you met yet?": sent to both sides of a pair with no held session 14 days after it was accepted.</summary>
    HaveYouMet = 1,

    /// <summary>The end-of-pair survey: sent to both sides once, when their accepted pair has ended.</summary>
    EndOfPair = 2,

    /// <summary>"Have you used what you learned?": sent to both sides once, some days (the program says) after the pair ended.</summary>
    Applied = 3,
}

/// <summary>A check-in sent to one side of a pair; the unique key keeps every instance from sending it twice.</summary>
public sealed class CheckIn
{
    public int Id { get; set; }
    public int ProgramId { get; set; }
    public int PairId { get; set; }
    public Pair? Pair { get; set; }
    public int EnrolmentId { get; set; }
    public string UserId { get; set; } = "";
    public ParticipantRole Role { get; set; }
    public CheckInKind Kind { get; set; }

    /// <summary>
    /// Days after the pair was accepted: 30, 90, 150... for milestones; 14 for "have you met yet?". Days after the pair
    /// ended for the "applied?" survey; 0 for the end-of-pair survey.
    /// </summary>
    public int DayNumber { get; set; }

    public DateTime SentAtUtc { get; set; }
    public DateTime? AnsweredAtUtc { get; set; }

    /// <summary>The answer to "have you met yet?".</summary>
    public bool? Met { get; set; }

    public List<CheckInAnswer> Answers { get; set; } = [];
}

public sealed class CheckInAnswer
{
    public const int TextMaxLength = 2000;

    public int Id { get; set; }
    public int CheckInId { get; set; }
    public int QuestionId { get; set; }
    public CheckInQuestion? Question { get; set; }
    public int? Rating { get; set; }
    public bool? YesNo { get; set; }
    public string? Text { get; set; }
}
