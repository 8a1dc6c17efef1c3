namespace Lantern.Grains.Traces;

/// <summary>Prices a generation-like observation from its model, usage and cost fields (reference §8.3).</summary>
public interface IObservationPricer
{
    ObservationCost Price(string projectId, Entity observation);
}
