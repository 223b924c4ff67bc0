using Verification.Engine;

namespace Verification.Topics;

/// <summary>THEORY.md's source table, one entry per key; each topic registers the entries its claims cite.</summary>
public static class Bibliography
{
    public static Source Cavazza2018 { get; } = new("Cavazza2018", "Cavazza, Morerio, Haeffele, Lane, Murino, Vidal. Dropout as a Low-Rank Regularizer for Matrix Factorization. AISTATS 2018, arXiv:1710.05092");
    public static Source Mianjy2018 { get; } = new("Mianjy2018", "Mianjy, Arora, Vidal. On the Implicit Bias of Dropout. ICML 2018, arXiv:1806.09777");
    public static Source Pal2020 { get; } = new("Pal2020", "Pal, Lane, Vidal, Haeffele. On the Regularization Properties of Structured Dropout. CVPR 2020, arXiv:1910.14186");
    public static Source Argyriou2012 { get; } = new("Argyriou2012", "Argyriou, Foygel, Srebro. Sparse Prediction with the k-Support Norm. NeurIPS 2012");
    public static Source McDonald2016 { get; } = new("McDonald2016", "McDonald, Pontil, Stamos. New Perspectives on k-Support and Cluster Norms. JMLR 2016");
    public static Source Haeffele2015 { get; } = new("Haeffele2015", "Haeffele, Vidal. Global Optimality in Tensor Factorization, Deep Learning and Beyond. arXiv:1506.07540; CVPR 2017; TPAMI 2019");
    public static Source BaldiHornik1989 { get; } = new("BaldiHornik1989", "Baldi, Hornik. Neural networks and principal component analysis. Neural Networks 1989");
    public static Source Kawaguchi2016 { get; } = new("Kawaguchi2016", "Kawaguchi. Deep Learning without Poor Local Minima. NeurIPS 2016");
    public static Source Telgarsky2016 { get; } = new("Telgarsky2016", "Telgarsky. Benefits of depth in neural networks. COLT 2016");
    public static Source Montufar2014 { get; } = new("Montufar2014", "Montúfar, Pascanu, Cho, Bengio. On the number of linear regions of deep neural networks. NeurIPS 2014");
    public static Source Cybenko1989 { get; } = new("Cybenko1989", "Cybenko. Approximation by superpositions of a sigmoidal function. 1989");
    public static Source Hornik1991 { get; } = new("Hornik1991", "Hornik. Approximation capabilities of multilayer feedforward networks. 1991");
}
