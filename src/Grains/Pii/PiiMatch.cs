namespace Lantern.Grains.Pii;

/// <summary>One detected value: where it sits in the text and what it is.</summary>
public readonly record struct PiiMatch(int Index, int Length, PiiKind Kind)
{
    public int End => Index + Length;
}
