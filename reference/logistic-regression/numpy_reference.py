"""Logistic regression with a neural-network mindset, in numpy, as the course writes it: the
yardstick for the TypeScript reference.

Used by test/fixtures/make_logistic_fixtures.py (expected values). Never imported by the product or
the tests, which read the committed JSON fixtures instead.

The course trains on 64x64 photos of cats, which cannot ship with the package. `load_dataset`
draws a stand-in of the same sizes (209 training and 50 test pictures, about a third of them
positive) from numpy's legacy generator: 16x16 RGB "pictures" (768 features, in [0, 1] as after the
course's division by 255) whose positive class leans, faintly, toward one fixed pattern (uniform draws only, so that the
TypeScript copy in assignments/logistic-regression/dataset.ts is the same bit for bit). Faint on
purpose: as with the cats, logistic regression fits the training pictures well and the test
pictures less well.
"""
import numpy as np

N_X = 16 * 16 * 3
SIGNAL = 0.028


def load_dataset():
    np.random.seed(3)
    pattern = 2 * np.random.rand(N_X, 1) - 1

    def draw(m):
        Y = (np.random.rand(1, m) < 0.35) * 1.0
        noise = np.random.rand(N_X, m)
        X = 0.2 + 0.6 * noise + SIGNAL * pattern * (2 * Y - 1)
        return np.minimum(np.maximum(X, 0), 1), Y

    train_X, train_Y = draw(209)
    test_X, test_Y = draw(50)
    return train_X, train_Y, test_X, test_Y


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def initialize_with_zeros(dim):
    return np.zeros((dim, 1)), 0.0


def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    dw = np.dot(X, (A - Y).T) / m
    db = np.sum(A - Y) / m
    return {"dw": dw, "db": db}, float(np.squeeze(cost))


def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print("Cost after iteration %i: %f" % (i, cost))
    return {"w": w, "b": b}, grads, costs


def predict(w, b, X):
    A = sigmoid(np.dot(w.T, X) + b)
    return (A > 0.5) * 1.0


def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    w, b = initialize_with_zeros(X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)
    w, b = params["w"], params["b"]
    return {
        "costs": costs,
        "Y_prediction_test": predict(w, b, X_test),
        "Y_prediction_train": predict(w, b, X_train),
        "w": w,
        "b": b,
        "learning_rate": learning_rate,
        "num_iterations": num_iterations,
    }
