namespace Verification.Claims;

/// <summary>A reference of THEORY.md's source table, under its stable key.</summary>
public sealed record Source(string Key, string Reference);

public static class Sources
{
    public static IReadOnlyList<Source> All { get; } =
    [
        new("Cavazza2018", "Cavazza, Morerio, Haeffele, Lane, Murino, Vidal. Dropout as a Low-Rank Regularizer for Matrix Factorization. AISTATS 2018, arXiv:1710.05092"),
        new("Mianjy2018", "Mianjy, Arora, Vidal. On the Implicit Bias of Dropout. ICML 2018, arXiv:1806.09777"),
        new("Pal2020", "Pal, Lane, Vidal, Haeffele. On the Regularization Properties of Structured Dropout. CVPR 2020, arXiv:1910.14186"),
        new("Argyriou2012", "Argyriou, Foygel, Srebro. Sparse Prediction with the k-Support Norm. NeurIPS 2012"),
        new("McDonald2016", "McDonald, Pontil, Stamos. New Perspectives on k-Support and Cluster Norms. JMLR 2016"),
        new("Haeffele2015", "Haeffele, Vidal. Global Optimality in Tensor Factorization, Deep Learning and Beyond. arXiv:1506.07540; CVPR 2017; TPAMI 2019"),
        new("BaldiHornik1989", "Baldi, Hornik. Neural networks and principal component analysis. Neural Networks 1989"),
        new("Kawaguchi2016", "Kawaguchi. Deep Learning without Poor Local Minima. NeurIPS 2016"),
        new("Telgarsky2016", "Telgarsky. Benefits of depth in neural networks. COLT 2016"),
        new("Montufar2014", "Montúfar, Pascanu, Cho, Bengio. On the number of linear regions of deep neural networks. NeurIPS 2014"),
        new("Cybenko1989", "Cybenko. Approximation by superpositions of a sigmoidal function. 1989"),
        new("Hornik1991", "Hornik. Approximation capabilities of multilayer feedforward networks. 1991"),
        new("Suite", "This suite: control claims that must be refuted"),
    ];

    public static Source Find(string key) =>
        All.FirstOrDefault(s => s.Key == key) ?? throw new KeyNotFoundException($"unknown source key '{key}'");
}
